package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.Objects;

/**
 * An outgoing QoS 1 or 2 message sent and not yet fully acknowledged.
 *
 * @param packetId the id it was sent with
 * @param message the message as sent
 * @param released true once PUBREC arrived for a QoS 2 message: only PUBREL is sent again
 */
public record InflightMessage(int packetId, Publish message, boolean released) {
    public InflightMessage {
        Objects.requireNonNull(message, "message");
        PacketIds.check(packetId);
    }
}
