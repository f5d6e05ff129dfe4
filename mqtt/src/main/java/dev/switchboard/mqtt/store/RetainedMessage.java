package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.Objects;

/**
 * A retained message and when it arrived, so its Message Expiry Interval can be counted from then.
 */
public record RetainedMessage(Publish message, long arrivedAtMillis) {
    public RetainedMessage {
        Objects.requireNonNull(message, "message");
    }

    public String topic() {
        return message.topic();
    }
}
