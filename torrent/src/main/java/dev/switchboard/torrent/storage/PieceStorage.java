package dev.switchboard.torrent.storage;

import dev.switchboard.torrent.Bitfield;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FileRegion;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where one torrent's pieces are kept: blocks written as they arrive, pieces checked against their
 * SHA-1 and then complete, blocks of complete pieces read back for seeding. Narrow on purpose (like
 * anacrolix {@code storage/interface.go}): the peer protocol and the piece picker know nothing of files.
 *
 * <p>A download drives it as: {@link #writeBlock} each block received; when the picker says a piece has
 * all its blocks, {@link #verify} it; on {@code true} the piece is already marked complete, so announce
 * it ({@code have}); on {@code false} tell the picker the piece failed. Seeding serves requests with
 * {@link #readRegion} (zero copy) or else {@link #readBlock}.
 *
 * <p>Thread-safe. Reads and writes are blocking file I/O: call them from a disk thread, never from an
 * event loop. Failures are a {@link StorageException}; a piece whose write or check failed is never
 * marked complete. Bad piece numbers or blocks outside their piece are an {@link IllegalArgumentException}.
 */
public interface PieceStorage extends AutoCloseable {
    /** The most bytes one {@link #readBlock} or {@link #readRegion} returns: 128 KiB. */
    int MAX_READ_LENGTH = 128 * 1024;

    /** Returns the number of pieces. */
    int pieceCount();

    /** Returns the size of piece {@code piece} in bytes. */
    int pieceSize(int piece);

    /**
     * Writes the remaining bytes of {@code data} at {@code offset} in piece {@code piece}, consuming them.
     * A block for a piece that is already complete is dropped, so a late duplicate can never spoil a
     * checked piece.
     *
     * @return true if written, false if dropped because the piece is complete
     */
    boolean writeBlock(int piece, int offset, ByteBuffer data);

    /**
     * Writes the readable bytes of {@code data} at {@code offset} in piece {@code piece}, as {@link
     * #writeBlock(int, int, ByteBuffer)}. Neither moves the reader index nor releases: the caller keeps
     * ownership of {@code data}.
     */
    default boolean writeBlock(int piece, int offset, ByteBuf data) {
        ByteBuffer[] parts = data.nioBuffers(data.readerIndex(), data.readableBytes());
        if (parts.length == 1) {
            return writeBlock(piece, offset, parts[0]);
        }
        ByteBuffer whole = ByteBuffer.allocate(data.readableBytes());
        data.getBytes(data.readerIndex(), whole);
        return writeBlock(piece, offset, whole.flip());
    }

    /**
     * Reads {@code length} bytes (at most {@link #MAX_READ_LENGTH}) at {@code offset} in piece {@code
     * piece}, which must be complete, into a new buffer from {@code allocator}; the caller releases it.
     */
    ByteBuf readBlock(int piece, int offset, int length, ByteBufAllocator allocator);

    /**
     * Returns the block as a zero-copy {@link FileRegion} when it lies inside one file, else empty (use
     * {@link #readBlock}). The piece must be complete; the caller writes or releases the region.
     */
    Optional<FileRegion> readRegion(int piece, int offset, int length);

    /**
     * Hashes piece {@code piece} off the calling thread and completes with whether it matches the
     * metainfo's SHA-1; on a match the piece is marked complete before the stage completes. Missing data
     * is a mismatch; an I/O error or a full verifier queue completes exceptionally with {@link
     * StorageException}.
     */
    CompletionStage<Boolean> verify(int piece);

    /** Marks piece {@code piece} complete without checking it (for data known to be good). */
    void markComplete(int piece);

    /** Returns whether piece {@code piece} is complete. */
    boolean isComplete(int piece);

    /** Returns a copy of the set of complete pieces. */
    Bitfield completed();

    /** Closes the files; further reads and writes fail. */
    @Override
    void close();
}
