package dev.switchboard.transport;

import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read timeouts for many connections at the price of one periodic task per event loop, instead of
 * an {@code IdleStateHandler} (a pipeline handler and a scheduled timer) per connection. Each
 * connection owns a {@link ReadDeadline}: a small object in its loop's table that a read marks with
 * a field write; every {@code period} the loop's sweep looks at each deadline of that loop and calls
 * back the ones that read nothing for their timeout.
 *
 * <p>A connection is called back after at least its timeout without a read, and at most two periods
 * later (a read is dated by the sweep that sees it, so no clock is read per packet). The sweep of a
 * loop runs only while that loop has deadlines. Shared by every channel of a server; {@link #watch}
 * is thread-safe.
 */
public final class IdleSweep {
    private final Clock clock;
    private final long periodMillis;
    private final Map<EventExecutor, LoopDeadlines> loops = new ConcurrentHashMap<>();

    /** @param period how often each loop looks at its deadlines: the precision of every timeout */
    public IdleSweep(Clock clock, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the sweep period must be positive, got " + period);
        }
        this.clock = clock;
        this.periodMillis = period.toMillis();
    }

    /**
     * Starts a read deadline for a connection of {@code loop}: {@code onIdle} runs on that loop when
     * nothing was read for {@code timeout}, and again after each further {@code timeout} of silence.
     * Must be called on {@code loop}.
     */
    public ReadDeadline watch(EventExecutor loop, Duration timeout, Runnable onIdle) {
        LoopDeadlines table = loops.computeIfAbsent(loop, l -> new LoopDeadlines(l, clock, periodMillis));
        ReadDeadline deadline = new ReadDeadline(table, onIdle);
        deadline.timeout(timeout);
        return deadline;
    }

    /** Deadlines now watched on {@code loop} (for tests and metrics); call on that loop. */
    public int watched(EventExecutor loop) {
        LoopDeadlines table = loops.get(loop);
        return table == null ? 0 : table.size();
    }
}
