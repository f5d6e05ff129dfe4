package dev.switchboard.torrent.metainfo;

import dev.switchboard.torrent.metainfo.TorrentSource.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes the SHA-1 of every piece of a list of files laid end to end, on several threads at once.
 *
 * <p>Pieces are cut from the concatenated byte stream, so one piece may span the end of one file, any
 * number of small or empty files, and the start of the next. Threads take batches of consecutive pieces
 * (about 4 MiB each) from a shared counter, read them with positional reads ({@link
 * FileChannel#read(ByteBuffer, long)}) through one buffer of {@code bufferSize} bytes each, and keep one
 * file open at a time; so memory stays at {@code threads x bufferSize} and open files at {@code threads},
 * whatever the size of the content or of a piece. The first failure stops all threads.
 */
final class PieceHasher {
    private static final int BATCH_BYTES = 4 * 1024 * 1024;
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;
    private final int bufferSize;

    PieceHasher(int threads, int bufferSize) {
        if (threads < 1 || bufferSize < 1) {
            throw new IllegalArgumentException("threads and bufferSize must be positive");
        }
        this.threads = threads;
        this.bufferSize = bufferSize;
    }

    /** Returns the 20-byte hashes of all pieces, in order. */
    byte[] hash(List<SourceFile> files, int pieceLength, HashingProgress progress)
            throws IOException, InterruptedException {
        Job job = new Job(files, pieceLength, progress);
        int batches = (job.pieceCount + job.batchSize - 1) / job.batchSize;
        int workers = Math.max(1, Math.min(threads, batches));
        ExecutorService executor = Executors.newFixedThreadPool(workers, threadFactory());
        try {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                futures.add(executor.submit(() -> job.work(Math.min(bufferSize, pieceLength))));
            }
            for (Future<?> future : futures) {
                await(future, job);
            }
            return job.hashes;
        } finally {
            job.failed.set(true);
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static void await(Future<?> future, Job job) throws IOException, InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            job.failed.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    private static ThreadFactory threadFactory() {
        String prefix = "torrent-hasher-" + POOL_NUMBER.incrementAndGet() + "-";
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One hashing run: the layout of the stream, the work counter and the results. */
    private final class Job {
        private final Path[] paths;
        private final long[] starts;
        private final long[] ends;
        private final long totalSize;
        private final int pieceLength;
        private final int pieceCount;
        private final int batchSize;
        private final byte[] hashes;
        private final HashingProgress progress;
        private final AtomicInteger nextPiece = new AtomicInteger();
        private final AtomicBoolean failed = new AtomicBoolean();
        private long hashedBytes; // guarded by this

        Job(List<SourceFile> files, int pieceLength, HashingProgress progress) {
            paths = new Path[files.size()];
            starts = new long[files.size()];
            ends = new long[files.size()];
            long offset = 0;
            for (int i = 0; i < files.size(); i++) {
                paths[i] = files.get(i).file();
                starts[i] = offset;
                offset = Math.addExact(offset, files.get(i).length());
                ends[i] = offset;
            }
            this.totalSize = offset;
            this.pieceLength = pieceLength;
            long count = PieceLength.pieceCount(totalSize, pieceLength);
            if (count > Integer.MAX_VALUE / Sha1.LENGTH) {
                throw new MetainfoException(totalSize + " bytes in pieces of " + pieceLength + " are too many pieces");
            }
            this.pieceCount = (int) count;
            int perBatch = Math.max(1, BATCH_BYTES / pieceLength);
            int spread = Math.max(1, pieceCount / (threads * 4));
            this.batchSize = Math.min(perBatch, spread);
            this.hashes = new byte[pieceCount * Sha1.LENGTH];
            this.progress = progress;
        }

        void work(int readSize) {
            try (Reader reader = new Reader(ByteBuffer.allocate(readSize))) {
                while (!failed.get()) {
                    int first = nextPiece.getAndAdd(batchSize);
                    if (first >= pieceCount) {
                        return;
                    }
                    int last = Math.min(pieceCount, first + batchSize);
                    for (int piece = first; piece < last; piece++) {
                        if (failed.get() || Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        hashPiece(piece, reader);
                    }
                }
            } catch (IOException e) {
                failed.set(true);
                throw new UncheckedIOException(e);
            }
        }

        private void hashPiece(int piece, Reader reader) throws IOException {
            long start = (long) piece * pieceLength;
            long end = Math.min(start + pieceLength, totalSize);
            int file = firstFileEndingAfter(start);
            for (long position = start; position < end; file++) {
                if (ends[file] <= position) {
                    continue; // an empty file
                }
                long segmentEnd = Math.min(end, ends[file]);
                reader.read(file, position - starts[file], segmentEnd - position);
                position = segmentEnd;
            }
            reader.digestInto(hashes, piece * Sha1.LENGTH);
            reported(end - start);
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

        private synchronized void reported(long bytes) {
            hashedBytes += bytes;
            progress.update(hashedBytes, totalSize);
        }

        /** One thread's buffer, digest and currently open file. */
        private final class Reader implements AutoCloseable {
            private final ByteBuffer buffer;
            private final MessageDigest digest = Sha1.newDigest();
            private int openFile = -1;
            private FileChannel channel;

            Reader(ByteBuffer buffer) {
                this.buffer = buffer;
            }

            void read(int file, long position, long length) throws IOException {
                FileChannel in = open(file);
                long at = position;
                long remaining = length;
                while (remaining > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                    int read = in.read(buffer, at);
                    if (read < 0) {
                        throw new IOException(paths[file] + ": ended after " + at + " of "
                                + (ends[file] - starts[file]) + " bytes; did it change while hashing?");
                    }
                    digest.update(buffer.array(), 0, read);
                    at += read;
                    remaining -= read;
                }
            }

            void digestInto(byte[] target, int offset) {
                System.arraycopy(digest.digest(), 0, target, offset, Sha1.LENGTH);
            }

            private FileChannel open(int file) throws IOException {
                if (file != openFile) {
                    close();
                    channel = FileChannel.open(paths[file], StandardOpenOption.READ);
                    openFile = file;
                }
                return channel;
            }

            @Override
            public void close() throws IOException {
                if (channel != null) {
                    FileChannel toClose = channel;
                    channel = null;
                    openFile = -1;
                    toClose.close();
                }
            }
        }
    }
}
