package dev.switchboard.mqtt.topic;

import java.util.Objects;

/**
 * A retained message and the topic it was published to, as found by {@link TopicTree#retainedMatching}.
 *
 * @param topic the topic name the message was retained under
 * @param message the broker's own message record
 * @param <R> the broker's retained message type
 */
public record Retained<R>(TopicName topic, R message) {

    /** Requires both parts. */
    public Retained {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
    }
}
