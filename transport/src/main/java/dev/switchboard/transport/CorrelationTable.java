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
 * table needs no locks. Timeouts fire on the same loop.
 *
 * @param <T> what a response completes the future with
 */
public final class CorrelationTable<T> {
    private final EventExecutor executor;
    private final int capacity;
    private final Function<Duration, ? extends Throwable> timeoutError;
    private final IntObjectMap<Entry<T>> pending = new IntObjectHashMap<>();
    private int nextId;

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
        this.nextId = firstId;
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
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
        ScheduledFuture<?> timer = executor.schedule(() -> {
            Entry<T> timedOut = pending.remove(id);
            if (timedOut != null) {
                timedOut.future.completeExceptionally(timeoutError.apply(timeout));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(id, new Entry<>(future, timer));
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

    /** Completes request {@code id}; false when it is unknown (never sent, timed out, or done). */
    public boolean complete(int id, T value) {
        Entry<T> entry = pending.remove(id);
        if (entry == null) {
            return false;
        }
        entry.timer.cancel(false);
        entry.future.complete(value);
        return true;
    }

    /** Fails request {@code id}; false when it is unknown. */
    public boolean fail(int id, Throwable cause) {
        Entry<T> entry = pending.remove(id);
        if (entry == null) {
            return false;
        }
        entry.timer.cancel(false);
        entry.future.completeExceptionally(cause);
        return true;
    }

    /** Fails every outstanding request, for example when the connection is lost. */
    public void failAll(Throwable cause) {
        List<Entry<T>> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Entry<T> entry : all) {
            entry.timer.cancel(false);
            entry.future.completeExceptionally(cause);
        }
    }

    public int size() {
        return pending.size();
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    private record Entry<T>(CompletableFuture<T> future, ScheduledFuture<?> timer) {
    }
}
