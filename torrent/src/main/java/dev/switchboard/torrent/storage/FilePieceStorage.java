package dev.switchboard.torrent.storage;

import dev.switchboard.torrent.Bitfield;
import dev.switchboard.torrent.metainfo.Metainfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Stores a torrent in its files below an output directory: {@code OUTDIR/<name>} for a single-file
 * torrent, {@code OUTDIR/<name>/...} for a multi-file one, files in metainfo order with pieces cut across
 * them. Every path is checked before anything is written ({@link OutputDirectory}); files are created
 * when first written, sparse (a write past the end leaves a hole), empty files at once; BEP 47 padding
 * files are never written and read as zeros.
 *
 * <p>All I/O is positional ({@link FileChannel#read(ByteBuffer, long)}) on at most {@value
 * #DEFAULT_OPEN_FILES} open files: no memory map, no whole-file buffer, so a 10 GiB torrent needs no
 * more heap than a 10 MiB one. Thread-safe; see {@link PieceStorage} for the contract.
 */
public final class FilePieceStorage implements PieceStorage {
    /** Open files kept by default. */
    public static final int DEFAULT_OPEN_FILES = 64;

    private static final int ATTEMPTS = 3;

    private final Metainfo metainfo;
    private final FileLayout layout;
    private final OpenFiles files;
    private final PieceVerifier verifier;
    private final Bitfield complete; // guarded by itself

    private FilePieceStorage(Metainfo metainfo, FileLayout layout, OpenFiles files, PieceVerifier verifier) {
        this.metainfo = metainfo;
        this.layout = layout;
        this.files = files;
        this.verifier = verifier;
        this.complete = new Bitfield(metainfo.pieceCount());
    }

    /**
     * Opens storage for {@code metainfo} below {@code outputDirectory}, hashing with {@code verifier}.
     * Creates the directory and the empty files; refuses ({@link StorageException.Reason#UNSAFE_PATH})
     * any file that would land outside the directory, before writing anything. No piece is complete yet:
     * run a {@link ResumeCheck} to find the ones already on disk.
     */
    public static FilePieceStorage open(Metainfo metainfo, Path outputDirectory, PieceVerifier verifier) {
        return open(metainfo, outputDirectory, verifier, ChannelOpener.FILES, DEFAULT_OPEN_FILES);
    }

    static FilePieceStorage open(Metainfo metainfo, Path outputDirectory, PieceVerifier verifier,
                                 ChannelOpener opener, int maxOpenFiles) {
        Objects.requireNonNull(metainfo, "metainfo");
        Objects.requireNonNull(verifier, "verifier");
        Path directory = outputDirectory.toAbsolutePath().normalize();
        FileLayout layout = new FileLayout(metainfo, directory);
        OutputDirectory.prepare(directory, layout);
        return new FilePieceStorage(metainfo, layout, new OpenFiles(opener, maxOpenFiles), verifier);
    }

    /** Returns the torrent stored here. */
    public Metainfo metainfo() {
        return metainfo;
    }

    /** Returns the verifier this storage hashes with. */
    PieceVerifier verifier() {
        return verifier;
    }

    FileLayout layout() {
        return layout;
    }

    @Override
    public int pieceCount() {
        return layout.pieceCount();
    }

    @Override
    public int pieceSize(int piece) {
        return layout.pieceSize(piece);
    }

    @Override
    public boolean writeBlock(int piece, int offset, ByteBuffer data) {
        layout.checkBlock(piece, offset, data.remaining());
        if (isComplete(piece)) {
            return false;
        }
        int base = data.position();
        layout.forEachSegment(piece, offset, data.remaining(), (file, position, length, done) -> {
            if (!layout.isPadding(file)) {
                ByteBuffer part = data.duplicate();
                part.position(base + done).limit(base + done + length);
                write(file, position, part);
            }
            return true;
        });
        data.position(data.limit());
        return true;
    }

    private void write(int file, long position, ByteBuffer part) {
        int start = part.position();
        try {
            withChannel(file, true, channel -> {
                part.position(start);
                long at = position;
                while (part.hasRemaining()) {
                    at += channel.write(part, at);
                }
                return null;
            });
        } catch (IOException e) {
            throw StorageException.writing(layout.path(file), e);
        }
    }

    /** Runs {@code action} on the file's channel, again if another thread closed it meanwhile. */
    private <T> T withChannel(int file, boolean writable, ChannelAction<T> action) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.apply(files.channel(file, layout.path(file), writable));
            } catch (ClosedChannelException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @FunctionalInterface
    private interface ChannelAction<T> {
        T apply(FileChannel channel) throws IOException;
    }

    @Override
    public ByteBuf readBlock(int piece, int offset, int length, ByteBufAllocator allocator) {
        checkReadable(piece, offset, length);
        ByteBuf out = allocator.buffer(length, length);
        try {
            layout.forEachSegment(piece, offset, length, (file, position, segment, done) -> {
                if (layout.isPadding(file)) {
                    out.writeZero(segment);
                } else {
                    read(file, position, segment, out);
                }
                return true;
            });
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private void read(int file, long position, int length, ByteBuf out) {
        Path path = layout.path(file);
        int start = out.writerIndex();
        try {
            withChannel(file, false, channel -> {
                out.writerIndex(start);
                for (int done = 0; done < length; ) {
                    int read = out.writeBytes(channel, position + done, length - done);
                    if (read < 0) {
                        throw new StorageException(StorageException.Reason.IO_ERROR, "I/O error reading " + path
                                + ": ends at " + (position + done) + " of " + layout.length(file) + " bytes");
                    }
                    done += read;
                }
                return null;
            });
        } catch (IOException e) {
            throw StorageException.reading(path, e);
        }
    }

    @Override
    public Optional<FileRegion> readRegion(int piece, int offset, int length) {
        checkReadable(piece, offset, length);
        FileRegion[] region = new FileRegion[1];
        boolean oneFile = layout.forEachSegment(piece, offset, length, (file, position, segment, done) -> {
            if (segment != length || layout.isPadding(file)) {
                return false;
            }
            region[0] = new DefaultFileRegion(layout.path(file).toFile(), position, length);
            return true;
        });
        return oneFile ? Optional.ofNullable(region[0]) : Optional.empty();
    }

    private void checkReadable(int piece, int offset, int length) {
        layout.checkBlock(piece, offset, length);
        if (length > MAX_READ_LENGTH) {
            throw new IllegalArgumentException("read of " + length + " bytes; at most " + MAX_READ_LENGTH);
        }
        if (!isComplete(piece)) {
            throw new IllegalStateException("piece " + piece + " is not complete; only complete pieces are read");
        }
    }

    @Override
    public CompletionStage<Boolean> verify(int piece) {
        int size = layout.pieceSize(piece);
        return verifier.verify(metainfo.pieceHash(piece), (digest, buffer) -> feed(piece, size, digest, buffer))
                .thenApply(matches -> {
                    if (matches) {
                        markComplete(piece);
                    }
                    return matches;
                });
    }

    /** Feeds piece {@code piece} to {@code digest}; false if a file is missing or too short. */
    private boolean feed(int piece, int size, MessageDigest digest, ByteBuffer buffer) {
        return layout.forEachSegment(piece, 0, size, (file, position, length, done) -> {
            for (int fed = 0; fed < length; ) {
                int chunk = Math.min(buffer.capacity(), length - fed);
                buffer.clear().limit(chunk);
                if (layout.isPadding(file)) {
                    Arrays.fill(buffer.array(), 0, chunk, (byte) 0);
                    buffer.position(chunk);
                } else if (!readFully(file, position + fed, buffer)) {
                    return false;
                }
                digest.update(buffer.array(), 0, chunk);
                fed += chunk;
            }
            return true;
        });
    }

    private boolean readFully(int file, long position, ByteBuffer buffer) {
        try {
            return withChannel(file, false, channel -> {
                buffer.position(0);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        return false;
                    }
                }
                return true;
            });
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw StorageException.reading(layout.path(file), e);
        }
    }

    @Override
    public void markComplete(int piece) {
        synchronized (complete) {
            complete.set(piece);
        }
    }

    @Override
    public boolean isComplete(int piece) {
        synchronized (complete) {
            return complete.has(piece);
        }
    }

    @Override
    public Bitfield completed() {
        synchronized (complete) {
            return complete.copy();
        }
    }

    @Override
    public void close() {
        try {
            files.close();
        } catch (IOException e) {
            throw new StorageException(StorageException.Reason.IO_ERROR, "closing " + metainfo.name() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FilePieceStorage[" + metainfo.name() + ", " + completed() + "]";
    }
}
