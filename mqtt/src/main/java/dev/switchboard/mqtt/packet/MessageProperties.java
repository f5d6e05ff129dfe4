package dev.switchboard.mqtt.packet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The MQTT 5 properties an application message carries from publisher to subscriber, passed
 * through unchanged (MQTT-3.3.2-4 and following): payload format indicator, message expiry
 * interval, content type, response topic, correlation data and user properties. Empty for 3.1.1.
 */
public record MessageProperties(
        OptionalInt payloadFormatIndicator,
        OptionalLong messageExpiryIntervalSeconds,
        String contentType,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties) {

    public static final MessageProperties NONE = new MessageProperties(OptionalInt.empty(), OptionalLong.empty(),
            null, null, null, List.of());

    public MessageProperties {
        Objects.requireNonNull(payloadFormatIndicator, "payloadFormatIndicator");
        Objects.requireNonNull(messageExpiryIntervalSeconds, "messageExpiryIntervalSeconds");
        userProperties = List.copyOf(userProperties);
    }

    /** The same properties with the message expiry interval replaced (counted down while queued). */
    public MessageProperties withMessageExpiry(OptionalLong seconds) {
        return new MessageProperties(payloadFormatIndicator, seconds, contentType, responseTopic, correlationData,
                userProperties);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageProperties p && p.payloadFormatIndicator.equals(payloadFormatIndicator)
                && p.messageExpiryIntervalSeconds.equals(messageExpiryIntervalSeconds)
                && Objects.equals(p.contentType, contentType) && Objects.equals(p.responseTopic, responseTopic)
                && Arrays.equals(p.correlationData, correlationData) && p.userProperties.equals(userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadFormatIndicator, messageExpiryIntervalSeconds, contentType, responseTopic,
                Arrays.hashCode(correlationData), userProperties);
    }
}
