package dev.switchboard.torrent.storage;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks pieces against their SHA-1 off the event loops: a fixed pool of daemon threads (one per core
 * by default) behind a bounded queue. Each thread owns one digest and one read buffer of {@value
 * #READ_BUFFER} bytes, so memory stays at {@code threads x 64 KiB} whatever the piece length. A full
 * queue fails the check at once with {@link StorageException.Reason#BUSY} rather than block the caller.
 * One verifier serves every torrent of a process; close it last.
 */
public final class PieceVerifier implements AutoCloseable {
    /** Bytes each thread reads at once. */
    public static final int READ_BUFFER = 64 * 1024;
    /** Pieces waiting by default before {@link StorageException.Reason#BUSY}. */
    public static final int DEFAULT_QUEUE = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PieceVerifier.class);

    private final ThreadPoolExecutor executor;
    private final int queueCapacity;
    private final ThreadLocal<Hasher> hashers = ThreadLocal.withInitial(Hasher::new);

    /** Feeds one piece's bytes to a digest. */
    @FunctionalInterface
    public interface PieceSource {
        /**
         * Reads the piece through {@code buffer} into {@code digest}.
         *
         * @return false if the data is not all there (a missing or short file), which fails the check
         */
        boolean feed(MessageDigest digest, ByteBuffer buffer);
    }

    /** Creates a verifier with one thread per core and a queue of {@value #DEFAULT_QUEUE} pieces. */
    public PieceVerifier() {
        this(Runtime.getRuntime().availableProcessors(), DEFAULT_QUEUE);
    }

    /** Creates a verifier with {@code threads} threads and room for {@code queueCapacity} waiting pieces. */
    public PieceVerifier(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads and queueCapacity must be at least 1, got " + threads
                    + " and " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new DefaultThreadFactory("torrent-verifier", true));
    }

    /** Returns the number of hashing threads. */
    public int threads() {
        return executor.getCorePoolSize();
    }

    /**
     * Hashes what {@code source} feeds on a verifier thread and completes with whether it matches {@code
     * expectedSha1}. Completes exceptionally with {@link StorageException} when the queue is full
     * ({@link StorageException.Reason#BUSY}) or the source fails.
     */
    public CompletionStage<Boolean> verify(byte[] expectedSha1, PieceSource source) {
        Objects.requireNonNull(expectedSha1, "expectedSha1");
        Objects.requireNonNull(source, "source");
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            executor.execute(new Check(expectedSha1, source, result));
        } catch (RejectedExecutionException e) {
            String why = executor.isShutdown() ? "the piece verifier is closed"
                    : "piece verifier queue full (" + queueCapacity + " pieces waiting)";
            LOG.warn("{}; a piece check was refused", why);
            result.completeExceptionally(new StorageException(StorageException.Reason.BUSY, why, e));
        }
        return result;
    }

    /** Stops the threads; checks still queued complete exceptionally with {@link StorageException.Reason#BUSY}. */
    @Override
    public void close() {
        for (Runnable dropped : executor.shutdownNow()) {
            ((Check) dropped).result.completeExceptionally(
                    new StorageException(StorageException.Reason.BUSY, "the piece verifier is closed"));
        }
    }

    /** One queued check. */
    private final class Check implements Runnable {
        private final byte[] expected;
        private final PieceSource source;
        private final CompletableFuture<Boolean> result;

        Check(byte[] expected, PieceSource source, CompletableFuture<Boolean> result) {
            this.expected = expected;
            this.source = source;
            this.result = result;
        }

        @Override
        public void run() {
            try {
                result.complete(hashers.get().matches(expected, source));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }
    }

    /** One thread's digest and buffer. */
    private static final class Hasher {
        private final MessageDigest digest = newSha1();
        private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);

        boolean matches(byte[] expected, PieceSource source) {
            digest.reset();
            buffer.clear();
            if (!source.feed(digest, buffer)) {
                return false;
            }
            return MessageDigest.isEqual(digest.digest(), expected);
        }

        private static MessageDigest newSha1() {
            try {
                return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java runtime has no SHA-1", e);
            }
        }
    }
}
