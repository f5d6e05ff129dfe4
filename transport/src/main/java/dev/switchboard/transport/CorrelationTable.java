package dev.switchboard.transport;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Outstanding requests of one connection: id to future, each with its own timeout. Ids are
 * non-zero 32-bit integers, allocated in sequence and never reused while still outstanding.
 *
 * <p>Confined to one event loop ({@code executor}): every method must be called from it, so the
 * table needs no locks. Timeouts fire on the same loop. One timer serves the whole table: it is
 * armed for the earliest deadline, expires what is due when it fires and re-arms for the next, so a
 * request that is answered in time costs no timer operation at all.
 *
 * @param <T> what a response completes the future with
 */
public final class CorrelationTable<T> {
    private final EventExecutor executor;
    private final int capacity;
    private final Function<Duration, ? extends Throwable> timeoutError;
    private final IntObjectMap<Entry<T>> pending = new IntObjectHashMap<>();
    private int nextId;
    private ScheduledFuture<?> timer;
    private long timerDeadline;

    /**
     * @param capacity most requests outstanding at once; {@link #register} refuses past it
     * @param timeoutError the failure a timed-out request completes with, given its timeout
     */
    public CorrelationTable(EventExecutor executor, int capacity,
            Function<Duration, ? extends Throwable> timeoutError) {
        this(executor, capacity, timeoutError, 1);
    }

    /** For tests of id wrap-around: starts allocating at {@code firstId}. */
    CorrelationTable(EventExecutor executor, int capacity, Function<Duration, ? extends Throwable> timeoutError,
            int firstId) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.nextId = firstId;
        this.executor = executor;
        this.capacity = capacity;
        this.timeoutError = timeoutError;
    }

    /** A registered request: the id to put on the wire and the future its answer completes. */
    public record Registration<T>(int id, CompletableFuture<T> future) {
    }

    /**
     * Registers a new outstanding request that fails with the timeout error after {@code timeout}.
     *
     * @throws IllegalStateException when {@code capacity} requests are already outstanding
     */
    public Registration<T> register(Duration timeout) {
        return register(new CompletableFuture<>(), timeout);
    }

    /** Same as {@link #register(Duration)}, completing the caller's own future. */
    public Registration<T> register(CompletableFuture<T> future, Duration timeout) {
        assert executor.inEventLoop() : "CorrelationTable used off its event loop";
        if (pending.size() >= capacity) {
            throw new IllegalStateException("too many outstanding requests: limit is " + capacity);
        }
        int id = allocateId();
        long deadline = System.nanoTime() + timeout.toNanos();
        pending.put(id, new Entry<>(future, timeout, deadline));
        if (timer == null || deadline - timerDeadline < 0) {
            arm(deadline);
        }
        return new Registration<>(id, future);
    }

    private int allocateId() {
        while (true) {
            int id = nextId++;
            if (nextId == 0) {
                nextId = 1;
            }
            if (id != 0 && !pending.containsKey(id)) {
                return id;
            }
        }
    }

    private void arm(long deadline) {
        if (timer != null) {
            timer.cancel(false);
        }
        timerDeadline = deadline;
        timer = executor.schedule(this::expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        timer = null;
        long now = System.nanoTime();
        List<Integer> due = new ArrayList<>();
        long next = 0;
        boolean hasNext = false;
        for (IntObjectMap.PrimitiveEntry<Entry<T>> e : pending.entries()) {
            long deadline = e.value().deadline;
            if (deadline - now <= 0) {
                due.add(e.key());
            } else if (!hasNext || deadline - next < 0) {
                next = deadline;
                hasNext = true;
            }
        }
        for (int id : due) {
            Entry<T> timedOut = pending.remove(id);
            timedOut.future.completeExceptionally(timeoutError.apply(timedOut.timeout));
        }
        if (hasNext && timer == null) {
            arm(next);
        }
    }

    /** Completes request {@code id}; false when it is unknown (never sent, timed out, or done). */
    public boolean complete(int id, T value) {
        Entry<T> entry = pending.remove(id);
        if (entry == null) {
            return false;
        }
        entry.future.complete(value);
        return true;
    }

    /** Fails request {@code id}; false when it is unknown. */
    public boolean fail(int id, Throwable cause) {
        Entry<T> entry = pending.remove(id);
        if (entry == null) {
            return false;
        }
        entry.future.completeExceptionally(cause);
        return true;
    }

    /** Fails every outstanding request, for example when the connection is lost. */
    public void failAll(Throwable cause) {
        List<Entry<T>> all = new ArrayList<>(pending.values());
        pending.clear();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        for (Entry<T> entry : all) {
            entry.future.completeExceptionally(cause);
        }
    }

    public int size() {
        return pending.size();
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    private record Entry<T>(CompletableFuture<T> future, Duration timeout, long deadline) {
    }
}
