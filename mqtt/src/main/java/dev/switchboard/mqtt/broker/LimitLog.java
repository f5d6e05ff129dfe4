package dev.switchboard.mqtt.broker;

import dev.switchboard.transport.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker's log of limits being hit: one WARN line per limit at most every {@link #INTERVAL},
 * with how many were suppressed in between, so a flood of one kind neither floods the log nor hides
 * another kind. All under the logger {@code dev.switchboard.mqtt.broker.Limits}. Thread-safe.
 */
final class LimitLog {
    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Limits.class);

    /** The limits that log (per-address ones log in transport's AddressLimiter). */
    enum Limit { QUEUE_FULL, QUEUE_DROP, TOPIC, SUBSCRIPTIONS, PUBLISH_RATE }

    private final Map<Limit, RateLimitedLog> logs = new EnumMap<>(Limit.class);

    LimitLog(Clock clock) {
        for (Limit limit : Limit.values()) {
            logs.put(limit, new RateLimitedLog(LOG, INTERVAL, clock));
        }
    }

    void hit(Limit limit, String format, Object... args) {
        logs.get(limit).warn(format, args);
    }
}
