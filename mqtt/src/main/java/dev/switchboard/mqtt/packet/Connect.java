package dev.switchboard.mqtt.packet;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CONNECT. {@code sessionExpiryIntervalSeconds} is MQTT 5's property; for 3.1.1 the mapper sets it
 * from clean session (0 when clean, {@link #NEVER_EXPIRES} when not), so the broker has one rule.
 * {@code receiveMaximum} 65535 and {@code maximumPacketSize} 0 (no limit) when absent.
 */
public record Connect(
        ProtocolVersion version,
        String clientId,
        boolean cleanStart,
        int keepAliveSeconds,
        long sessionExpiryIntervalSeconds,
        int receiveMaximum,
        long maximumPacketSize,
        int topicAliasMaximum,
        boolean requestProblemInformation,
        String username,
        byte[] password,
        Optional<Will> will,
        List<UserProperty> userProperties) implements Packet {

    /** Session Expiry Interval 0xFFFFFFFF: the session does not expire. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    public Connect {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(will, "will");
        userProperties = List.copyOf(userProperties);
    }
}
