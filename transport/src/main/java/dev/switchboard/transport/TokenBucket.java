package dev.switchboard.transport;

/**
 * A token bucket: {@code perSecond} tokens a second, refilled continuously up to {@code capacity}.
 * Two ways to spend: {@link #tryTake} only when enough tokens are there (connects per second), and
 * {@link #spend}, which may run into debt, paired with {@link #millisUntilPositive}: one large item
 * still passes, and the debt delays the next (bytes per second). Time comes from the caller, in
 * milliseconds, so tests move it by hand. Not thread-safe: one owner (an event loop, or a lock).
 */
public final class TokenBucket {
    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    /** Starts full. */
    public TokenBucket(long perSecond, long capacity, long nowMillis) {
        if (perSecond < 1 || capacity < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and capacity");
        }
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.refilledAt = nowMillis;
    }

    /** Takes {@code n} tokens if that many are there; otherwise takes none. */
    public boolean tryTake(long n, long nowMillis) {
        refill(nowMillis);
        if (tokens < n) {
            return false;
        }
        tokens -= n;
        return true;
    }

    /** Takes {@code n} tokens, going into debt when there are fewer. */
    public void spend(long n, long nowMillis) {
        refill(nowMillis);
        tokens -= n;
    }

    /** 0 while the balance is positive; otherwise how long until it is. */
    public long millisUntilPositive(long nowMillis) {
        refill(nowMillis);
        if (tokens > 0) {
            return 0;
        }
        return (long) Math.floor(-tokens * 1000 / perSecond) + 1;
    }

    /** True when the bucket has refilled to its capacity (nothing spent recently). */
    public boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= capacity;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perSecond / 1000.0);
            refilledAt = nowMillis;
        }
    }
}
