package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Will;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A session as stored: its client id, its Session Expiry Interval, when its client disconnected
 * (empty while online), its will, whose own delay interval says when it is published, and the
 * user its client last logged in as (empty: anonymous), so that the ACL rules that filter its
 * queue while it is offline are that user's after a restart too.
 */
public record StoredSession(String clientId, long expiryIntervalSeconds, OptionalLong disconnectedAtMillis,
        Optional<Will> will, Optional<String> username) {
    /** An anonymous client's session. */
    public StoredSession(String clientId, long expiryIntervalSeconds, OptionalLong disconnectedAtMillis,
            Optional<Will> will) {
        this(clientId, expiryIntervalSeconds, disconnectedAtMillis, will, Optional.empty());
    }

    public StoredSession {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(disconnectedAtMillis, "disconnectedAtMillis");
        Objects.requireNonNull(will, "will");
        if (expiryIntervalSeconds < 0 || expiryIntervalSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("session expiry interval must be 0.." + 0xFFFF_FFFFL + ", got "
                    + expiryIntervalSeconds);
        }
    }
}
