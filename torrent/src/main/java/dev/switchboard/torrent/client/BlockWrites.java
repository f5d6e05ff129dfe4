package dev.switchboard.torrent.client;

import dev.switchboard.torrent.storage.PieceStorage;
import io.netty.buffer.ByteBuf;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The received blocks of one torrent on their way to its files. Blocks are queued from the torrent's
 * executor; one drain task at a time per torrent takes them off the queue on the disk executor, writes them
 * in arrival order and reports each batch of up to {@value #BATCH} back in one call. So a block costs no
 * task and no thread wake-up of its own, and two disk threads never contend for the same file.
 *
 * <p>{@link #queuedBytes()} counts the bytes waiting; the download stops requesting while it is above its
 * bound, so the blocks held here stay bounded whatever the disk's speed. Thread-safe.
 */
final class BlockWrites {
    /** Blocks written per drain before reporting back (1 MiB of 16 KiB blocks). */
    static final int BATCH = 64;

    /** Where a drain reports, on the torrent's executor. */
    interface Listener {
        /**
         * {@code pieces[0..count)} name the piece of each block written (or dropped after a failure),
         * in order; {@code failure} is the first write that failed in this batch, or null.
         */
        void written(int[] pieces, int count, RuntimeException failure);

        /** The disk executor refused the drain; call {@link #retry()} later. */
        void diskBusy();
    }

    private record Pending(int piece, int offset, ByteBuf block) {}

    private final PieceStorage storage;
    private final Executor disk;
    private final Executor torrent;
    private final Listener listener;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param torrent runs a task on the torrent's executor (the listener is called only there)
     */
    BlockWrites(PieceStorage storage, Executor disk, Executor torrent, Listener listener) {
        this.storage = storage;
        this.disk = disk;
        this.torrent = torrent;
        this.listener = listener;
    }

    /** Queues {@code block} (taking ownership) to be written at {@code offset} in {@code piece}. */
    void write(int piece, int offset, ByteBuf block) {
        if (closed) {
            block.release();
            return;
        }
        queuedBytes.addAndGet(block.readableBytes());
        queue.add(new Pending(piece, offset, block));
        startDrain();
    }

    /** Bytes queued and not yet written. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Tries again to start a drain the disk executor refused. */
    void retry() {
        startDrain();
    }

    /** Drops and releases every queued block; later writes are released at once. */
    void close() {
        closed = true;
        for (Pending p; (p = queue.poll()) != null; ) {
            queuedBytes.addAndGet(-p.block.readableBytes());
            p.block.release();
        }
    }

    private void startDrain() {
        if (queue.isEmpty() || closed || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            disk.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            listener.diskBusy();
        }
    }

    /** On the disk executor: writes up to a batch, reports it, and goes on while blocks remain. */
    private void drain() {
        int[] pieces = new int[BATCH];
        int count = 0;
        RuntimeException failure = null;
        for (Pending p; count < BATCH && (p = queue.poll()) != null; ) {
            int length = p.block.readableBytes();
            try {
                if (failure == null) {
                    storage.writeBlock(p.piece, p.offset, p.block);
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                p.block.release();
                queuedBytes.addAndGet(-length);
            }
            pieces[count++] = p.piece;
        }
        draining.set(false);
        if (count > 0) {
            int written = count;
            RuntimeException result = failure;
            torrent.execute(() -> listener.written(pieces, written, result));
        }
        startDrain();
    }
}
