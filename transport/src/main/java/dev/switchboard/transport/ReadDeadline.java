package dev.switchboard.transport;

import java.time.Duration;

/**
 * One connection's read timeout in an {@link IdleSweep}. Confined to the connection's event loop:
 * every method must be called there.
 */
public final class ReadDeadline {
    final LoopDeadlines table;
    final Runnable onIdle;
    long timeoutMillis;
    long lastReadMillis;
    boolean touched;
    /** Where this deadline sits in its table; -1 while not watched. */
    int slot = -1;

    ReadDeadline(LoopDeadlines table, Runnable onIdle) {
        this.table = table;
        this.onIdle = onIdle;
    }

    /** Something was read: the timeout starts again. Costs one field write. */
    public void touch() {
        touched = true;
    }

    /** A new timeout, counted from now; zero: none (the deadline is no longer watched). */
    public void timeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a read timeout cannot be negative, got " + timeout);
        }
        timeoutMillis = timeout.toMillis();
        touched = false;
        if (timeoutMillis == 0) {
            table.remove(this);
        } else {
            lastReadMillis = table.now();
            table.add(this);
        }
    }

    /** The connection is gone: no more call-backs. Idempotent. */
    public void cancel() {
        table.remove(this);
    }

    boolean isWatched() {
        return slot >= 0;
    }
}
