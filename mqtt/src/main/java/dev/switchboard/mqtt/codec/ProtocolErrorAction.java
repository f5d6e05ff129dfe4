package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * What goes on the wire for a protocol error: {@code reply}, if any, encoded for
 * {@code replyVersion} (set {@link MqttVersionAttribute} to it before writing), then the
 * connection closes. The connection always closes.
 */
public record ProtocolErrorAction(Optional<Packet> reply, ProtocolVersion replyVersion) {
    public ProtocolErrorAction {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(replyVersion, "replyVersion");
    }

    /** Close without sending anything. */
    public static ProtocolErrorAction close(ProtocolVersion version) {
        return new ProtocolErrorAction(Optional.empty(), version);
    }

    /** Send {@code packet} encoded for {@code version}, then close. */
    public static ProtocolErrorAction replyThenClose(Packet packet, ProtocolVersion version) {
        return new ProtocolErrorAction(Optional.of(packet), version);
    }
}
