package dev.switchboard.mqtt.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing per client address. After the n-th failed login in a row from an address,
 * its refusal is answered {@code base * 2^(n-1)} later (0.5 s, 1 s, 2 s, 4 s, then 8 s at most), and
 * that address's next attempt is not checked before the same time has passed since the failure, so
 * not waiting for the refusal gains nothing. A success forgets the address; so does a quiet spell of
 * {@code forgetAfter}. At most {@code maxAddresses} are remembered (the least recently failed go
 * first). Thread-safe; never blocks beyond a short lock.
 */
public final class LoginBackoff {
    public static final Duration DEFAULT_BASE = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(8);
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_ADDRESSES = 10_000;

    private record Failures(int count, long lastMillis) {
    }

    private final Clock clock;
    private final long baseMillis;
    private final long maxMillis;
    private final long forgetAfterMillis;
    private final Map<InetAddress, Failures> failures;

    public LoginBackoff(Clock clock) {
        this(clock, DEFAULT_BASE, DEFAULT_MAX, DEFAULT_FORGET_AFTER, DEFAULT_MAX_ADDRESSES);
    }

    public LoginBackoff(Clock clock, Duration base, Duration max, Duration forgetAfter, int maxAddresses) {
        if (base.isNegative() || max.compareTo(base) < 0 || maxAddresses < 1) {
            throw new IllegalArgumentException("back-off needs 0 <= base <= max and at least one address");
        }
        this.clock = clock;
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.forgetAfterMillis = forgetAfter.toMillis();
        this.failures = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** Records a failed login from {@code address}; returns how long to hold its refusal back. */
    public synchronized Duration failed(InetAddress address) {
        long now = clock.millis();
        Failures previous = current(address, now);
        int count = previous == null ? 1 : previous.count() + 1;
        failures.put(address, new Failures(count, now));
        return Duration.ofMillis(delayMillis(count));
    }

    /** How long an attempt from {@code address} must wait before it is checked (zero when it need not). */
    public synchronized Duration waitBeforeCheck(InetAddress address) {
        long now = clock.millis();
        Failures f = current(address, now);
        if (f == null) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(0, f.lastMillis() + delayMillis(f.count()) - now));
    }

    public synchronized void succeeded(InetAddress address) {
        failures.remove(address);
    }

    /** Addresses remembered now. */
    public synchronized int size() {
        return failures.size();
    }

    private Failures current(InetAddress address, long now) {
        Failures f = failures.get(address);
        if (f != null && now - f.lastMillis() > forgetAfterMillis) {
            failures.remove(address);
            return null;
        }
        return f;
    }

    private long delayMillis(int count) {
        int shift = Math.min(count - 1, 30);
        return Math.min(maxMillis, baseMillis << shift);
    }
}
