/**
 * Where a torrent's pieces live on disk.
 *
 * <p>{@link dev.switchboard.torrent.storage.PieceStorage} is the narrow interface the download engine
 * drives: write blocks, verify a piece, read blocks of complete pieces for seeding. {@link
 * dev.switchboard.torrent.storage.FilePieceStorage} implements it over the torrent's files with
 * positional I/O; {@link dev.switchboard.torrent.storage.PieceVerifier} hashes pieces on a bounded pool
 * off the event loops; {@link dev.switchboard.torrent.storage.ResumeCheck} finds the pieces already on
 * disk. Every failure is a {@link dev.switchboard.torrent.storage.StorageException} with its reason.
 *
 * <pre>{@code
 * PieceVerifier verifier = new PieceVerifier();                 // one per process
 * FilePieceStorage storage = FilePieceStorage.open(metainfo, outDir, verifier);
 * Bitfield have = ResumeCheck.run(storage, ResumeCheck.Progress.NONE).toCompletableFuture().join();
 * storage.writeBlock(piece, offset, block);                     // on a disk thread
 * storage.verify(piece).thenAccept(ok -> ...);                  // true: complete, send HAVE
 * }</pre>
 */
package dev.switchboard.torrent.storage;
