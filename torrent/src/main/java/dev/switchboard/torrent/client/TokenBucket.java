package dev.switchboard.torrent.client;

import java.util.function.LongSupplier;

/**
 * A rate limit in bytes per second that delays, never drops: {@link #reserve} takes the bytes at once
 * and says how long the caller must wait before moving them, so going over the limit builds a debt
 * that later callers wait off. Tokens refill continuously up to a burst of a quarter second's worth
 * (at least one 16 KiB block). A rate of 0 means no limit. Thread-safe.
 */
final class TokenBucket {
    private static final long MIN_BURST = 16 * 1024;

    private final long bytesPerSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(long bytesPerSecond, LongSupplier nanoTime) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, got " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burst = Math.max(MIN_BURST, bytesPerSecond / 4.0);
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    static TokenBucket unlimited() {
        return new TokenBucket(0, System::nanoTime);
    }

    boolean isLimited() {
        return bytesPerSecond > 0;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Takes {@code bytes} and returns how many nanoseconds to wait before moving them (0: go now). */
    synchronized long reserve(long bytes) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * (double) bytesPerSecond / 1e9);
        last = now;
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1e9 / bytesPerSecond);
    }
}
