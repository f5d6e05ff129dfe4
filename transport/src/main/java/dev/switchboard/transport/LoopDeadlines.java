package dev.switchboard.transport;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read deadlines of one event loop and the periodic sweep over them. An array with swap-remove,
 * so adding, removing and sweeping allocate nothing once it has grown. Confined to its loop.
 */
final class LoopDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(LoopDeadlines.class);

    private final EventExecutor loop;
    private final Clock clock;
    private final long periodMillis;
    private ReadDeadline[] deadlines = new ReadDeadline[16];
    private int size;
    private ScheduledFuture<?> task;

    LoopDeadlines(EventExecutor loop, Clock clock, long periodMillis) {
        this.loop = loop;
        this.clock = clock;
        this.periodMillis = periodMillis;
    }

    long now() {
        return clock.millis();
    }

    int size() {
        return size;
    }

    void add(ReadDeadline d) {
        if (d.isWatched()) {
            return;
        }
        if (size == deadlines.length) {
            deadlines = Arrays.copyOf(deadlines, size * 2);
        }
        d.slot = size;
        deadlines[size++] = d;
        if (task == null) {
            task = loop.scheduleAtFixedRate(this::sweep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    void remove(ReadDeadline d) {
        if (!d.isWatched()) {
            return;
        }
        int slot = d.slot;
        ReadDeadline last = deadlines[--size];
        deadlines[slot] = last;
        last.slot = slot;
        deadlines[size] = null;
        d.slot = -1;
    }

    /**
     * Calls back every deadline that read nothing for its timeout, then counts it again from now.
     * A call-back may remove or add deadlines: walking down from the end, a removal only moves an
     * already-seen deadline into the current place, and an addition lands past it.
     */
    void sweep() {
        if (size == 0) {
            task.cancel(false);
            task = null;
            return;
        }
        long now = clock.millis();
        for (int i = size - 1; i >= 0; i--) {
            if (i >= size) {
                continue;
            }
            ReadDeadline d = deadlines[i];
            if (d.touched) {
                d.touched = false;
                d.lastReadMillis = now;
            } else if (now - d.lastReadMillis >= d.timeoutMillis) {
                d.lastReadMillis = now;
                try {
                    d.onIdle.run();
                } catch (RuntimeException e) {
                    LOG.warn("read timeout call-back failed", e);
                }
            }
        }
    }
}
