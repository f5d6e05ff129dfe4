package dev.switchboard.mqtt.packet;

import java.util.Objects;

/** The will message of a CONNECT: published when the client goes away without DISCONNECT. */
public record Will(String topic, byte[] payload, int qos, boolean retain, long delayIntervalSeconds,
        MessageProperties properties) {
    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
    }
}
