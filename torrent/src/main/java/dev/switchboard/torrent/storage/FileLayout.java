package dev.switchboard.torrent.storage;

import dev.switchboard.torrent.metainfo.FileEntry;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.MetainfoException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the bytes of each piece lie on disk: the torrent's files laid end to end in metainfo order,
 * each resolved below the output directory. A piece, or a block of one, may span the end of one file,
 * any number of small or empty files, and the start of the next; {@link #forEachSegment} cuts a span of
 * the stream into one segment per file. Immutable; a few arrays of one entry per file, whatever the
 * size of the content.
 */
final class FileLayout {
    private final Path[] paths;
    private final long[] starts;
    private final long[] ends;
    private final boolean[] padding;
    private final int pieceLength;
    private final int pieceCount;
    private final long totalSize;

    /** Receives one segment: {@code length} bytes at {@code position} in file {@code file}. */
    @FunctionalInterface
    interface Segment {
        /**
         * Handles a segment; {@code done} is how many bytes of the span came before it.
         *
         * @return false to stop the walk early
         */
        boolean accept(int file, long position, int length, int done);
    }

    /**
     * Lays out the files of {@code metainfo} below {@code outputDirectory}; a path that would resolve
     * outside it is a {@link StorageException} (the metainfo has checked them already; this checks again).
     */
    FileLayout(Metainfo metainfo, Path outputDirectory) {
        List<FileEntry> files = metainfo.files();
        paths = new Path[files.size()];
        starts = new long[files.size()];
        ends = new long[files.size()];
        padding = new boolean[files.size()];
        for (int i = 0; i < files.size(); i++) {
            FileEntry entry = files.get(i);
            try {
                paths[i] = entry.path().resolveIn(outputDirectory);
            } catch (MetainfoException e) {
                throw new StorageException(StorageException.Reason.UNSAFE_PATH, e.getMessage(), e);
            }
            starts[i] = entry.offset();
            ends[i] = entry.endOffset();
            padding[i] = entry.padding();
        }
        pieceLength = metainfo.pieceLength();
        pieceCount = metainfo.pieceCount();
        totalSize = metainfo.totalSize();
    }

    int fileCount() {
        return paths.length;
    }

    Path path(int file) {
        return paths[file];
    }

    long length(int file) {
        return ends[file] - starts[file];
    }

    boolean isPadding(int file) {
        return padding[file];
    }

    int pieceCount() {
        return pieceCount;
    }

    /** Returns the size of piece {@code piece}: the piece length for all but the last. */
    int pieceSize(int piece) {
        Objects.checkIndex(piece, pieceCount);
        return (int) (Math.min(totalSize, (long) (piece + 1) * pieceLength) - (long) piece * pieceLength);
    }

    /** Checks that the block lies inside its piece, with a message naming both. */
    void checkBlock(int piece, int offset, int length) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IllegalArgumentException("no piece " + piece + "; the torrent has " + pieceCount);
        }
        int size = pieceSize(piece);
        if (offset < 0 || length < 0 || (long) offset + length > size) {
            throw new IllegalArgumentException("block at " + offset + " of " + length + " bytes does not fit piece "
                    + piece + " of " + size + " bytes");
        }
    }

    /**
     * Walks the {@code length} bytes at {@code offset} in piece {@code piece}, one segment per file
     * touched, skipping empty files, in stream order.
     *
     * @return false if a segment stopped the walk
     */
    boolean forEachSegment(int piece, int offset, int length, Segment segment) {
        long start = (long) piece * pieceLength + offset;
        long end = start + length;
        int file = firstFileEndingAfter(start);
        for (long position = start; position < end; file++) {
            if (ends[file] <= position) {
                continue; // an empty file
            }
            long segmentEnd = Math.min(end, ends[file]);
            if (!segment.accept(file, position - starts[file], (int) (segmentEnd - position), (int) (position - start))) {
                return false;
            }
            position = segmentEnd;
        }
        return true;
    }

    private int firstFileEndingAfter(long position) {
        int index = Arrays.binarySearch(ends, position);
        if (index < 0) {
            return -index - 1;
        }
        while (index < ends.length && ends[index] <= position) {
            index++; // skip every file ending exactly here, empty ones included
        }
        return index;
    }
}
