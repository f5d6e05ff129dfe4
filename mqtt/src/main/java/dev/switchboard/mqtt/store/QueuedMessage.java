package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.Objects;

/**
 * A message waiting for an offline (or busy) client.
 *
 * @param sequence its place in the client's queue; larger is later
 * @param message the message, already at the subscription's QoS
 * @param expiresAtMillis when its Message Expiry Interval runs out, {@link Long#MAX_VALUE} for never
 */
public record QueuedMessage(long sequence, Publish message, long expiresAtMillis) {
    public QueuedMessage {
        Objects.requireNonNull(message, "message");
    }
}
