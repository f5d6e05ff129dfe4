package dev.switchboard.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a repeated event at most once per interval and says how many were suppressed in between,
 * so that a flood (refused connections, bad frames) cannot flood the log too. Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger logger;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger logger, Duration interval, Clock clock) {
        this.logger = logger;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    public RateLimitedLog(Logger logger, Duration interval) {
        this(logger, interval, Clock.systemUTC());
    }

    /** Logs at WARN unless a line was written less than one interval ago. Returns whether it logged. */
    public boolean warn(String format, Object... args) {
        long now = clock.millis();
        long allowed = nextAllowed.get();
        if (now < allowed || !nextAllowed.compareAndSet(allowed, now + intervalMillis)) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        if (skipped > 0) {
            logger.warn(format + " (" + skipped + " more like this suppressed)", args);
        } else {
            logger.warn(format, args);
        }
        return true;
    }
}
