package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Will;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A session as stored: its client id, its Session Expiry Interval, when its client disconnected
 * (empty while online) and its will, whose own delay interval says when it is published.
 */
public record StoredSession(String clientId, long expiryIntervalSeconds, OptionalLong disconnectedAtMillis,
        Optional<Will> will) {
    public StoredSession {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(disconnectedAtMillis, "disconnectedAtMillis");
        Objects.requireNonNull(will, "will");
        if (expiryIntervalSeconds < 0 || expiryIntervalSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("session expiry interval must be 0.." + 0xFFFF_FFFFL + ", got "
                    + expiryIntervalSeconds);
        }
    }
}
