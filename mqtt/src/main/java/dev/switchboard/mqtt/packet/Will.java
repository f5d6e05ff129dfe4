package dev.switchboard.mqtt.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * The will message of a CONNECT: published when the client goes away without DISCONNECT. Equal
 * when the payloads hold the same bytes.
 */
public record Will(String topic, byte[] payload, int qos, boolean retain, long delayIntervalSeconds,
        MessageProperties properties) {
    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Will w && w.topic.equals(topic) && Arrays.equals(w.payload, payload) && w.qos == qos
                && w.retain == retain && w.delayIntervalSeconds == delayIntervalSeconds
                && w.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, delayIntervalSeconds, properties);
    }
}
