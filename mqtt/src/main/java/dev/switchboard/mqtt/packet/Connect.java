package dev.switchboard.mqtt.packet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CONNECT. {@code sessionExpiryIntervalSeconds} is MQTT 5's property; for 3.1.1 the mapper sets it
 * from clean session (0 when clean, {@link #NEVER_EXPIRES} when not), so the broker has one rule.
 * {@code receiveMaximum} 65535 and {@code maximumPacketSize} 0 (no limit) when absent;
 * {@code requestProblemInformation} true when absent (and for 3.1.1). {@code username} and
 * {@code password} are null when the CONNECT has none. Equal when the passwords hold the same bytes.
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Connect c && c.version == version && c.clientId.equals(clientId)
                && c.cleanStart == cleanStart && c.keepAliveSeconds == keepAliveSeconds
                && c.sessionExpiryIntervalSeconds == sessionExpiryIntervalSeconds
                && c.receiveMaximum == receiveMaximum && c.maximumPacketSize == maximumPacketSize
                && c.topicAliasMaximum == topicAliasMaximum
                && c.requestProblemInformation == requestProblemInformation
                && Objects.equals(c.username, username) && Arrays.equals(c.password, password)
                && c.will.equals(will) && c.userProperties.equals(userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, clientId, cleanStart, keepAliveSeconds, sessionExpiryIntervalSeconds,
                receiveMaximum, maximumPacketSize, topicAliasMaximum, requestProblemInformation, username,
                Arrays.hashCode(password), will, userProperties);
    }
}
