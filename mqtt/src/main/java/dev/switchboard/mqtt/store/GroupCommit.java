package dev.switchboard.mqtt.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Durability#ALWAYS}: one committer thread commits and syncs for everyone who asked since
 * its last commit, then completes their futures (on the committer thread: continue on your own
 * lane with the {@code *Async(executor)} methods). While one commit and sync run, new callers
 * gather for the next, so many clients share one sync. Waiters are bounded by the clients'
 * inflight windows: each stands for one unacknowledged QoS 1 or 2 message. A caller behind whom
 * no change is unsynced (the count of changes has not moved past what the last sync covered:
 * a QoS 1 message that went only to clean sessions, say) does not wait for a commit at all.
 */
final class GroupCommit implements Commits {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private final Runnable commitAndSync;
    private final LongSupplier changes;
    /** The count of changes read before the last successful commit began: all of them are synced. */
    private volatile long synced;
    private final Object lock = new Object();
    private final Thread committer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean closed;

    /**
     * @param changes the count of changes made so far, each counted after it was made (so a commit
     *     that starts after reading it covers all it counts)
     */
    GroupCommit(Runnable commitAndSync, LongSupplier changes, String name) {
        this.commitAndSync = commitAndSync;
        this.changes = changes;
        this.synced = changes.getAsLong();
        this.committer = new Thread(this::run, name);
        committer.setDaemon(true);
        committer.start();
    }

    @Override
    public CompletionStage<Void> durable() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                done.completeExceptionally(new StoreException("the store is closed"));
                return done;
            }
            if (changes.getAsLong() <= synced) {
                done.complete(null); // every change made before this call is synced already
                return done;
            }
            waiting.add(done);
            lock.notifyAll();
        }
        return done;
    }

    /** Commits made so far. */
    long commits() {
        return commits.get();
    }

    /** Callers whose writes those commits covered. */
    long committedWaiters() {
        return committed.get();
    }

    private void run() {
        while (true) {
            List<CompletableFuture<Void>> batch;
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            try {
                long covered = changes.getAsLong();
                commitAndSync.run();
                synced = covered;
                commits.incrementAndGet();
                committed.addAndGet(batch.size());
                batch.forEach(f -> f.complete(null));
            } catch (RuntimeException e) {
                LOG.error("store commit failed; {} acknowledgements held back: {}", batch.size(), e.toString());
                batch.forEach(f -> f.completeExceptionally(e));
            }
        }
    }

    /** Commits for those still waiting, then stops the committer. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
