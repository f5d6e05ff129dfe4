package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * The channel attribute through which Netty's MQTT codec knows the protocol version of a
 * connection. {@code MqttDecoder} sets it as soon as it has read a CONNECT's protocol name and
 * level, and reads it to decode every later packet (MQTT 5 packets carry properties);
 * {@code MqttEncoder} reads it to pick the wire format of everything it writes, MQTT 3.1.1 when it
 * is unset, and sets it when it writes a CONNECT. Netty's own accessors ({@code MqttCodecUtil}) are
 * package-private, so this class names the same attribute key, {@code NETTY_CODEC_MQTT_VERSION}.
 *
 * <p>The broker must encode each packet for the version this attribute holds: pass
 * {@link #get(Channel)} to {@link PacketMapper#toNetty}, or {@link #set} it first.
 */
public final class MqttVersionAttribute {
    private static final AttributeKey<MqttVersion> KEY = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private MqttVersionAttribute() {
    }

    /** Makes the codec on this channel speak {@code version}. */
    public static void set(Channel channel, ProtocolVersion version) {
        channel.attr(KEY).set(toNetty(version));
    }

    /** The version the codec on this channel speaks, empty until a CONNECT was read or written. */
    public static Optional<ProtocolVersion> get(Channel channel) {
        Attribute<MqttVersion> attribute = channel.attr(KEY);
        MqttVersion version = attribute.get();
        return version == null ? Optional.empty() : Optional.of(ProtocolVersion.ofLevel(version.protocolLevel()));
    }

    static MqttVersion toNetty(ProtocolVersion version) {
        return switch (version) {
            case MQTT_3_1 -> MqttVersion.MQTT_3_1;
            case MQTT_3_1_1 -> MqttVersion.MQTT_3_1_1;
            case MQTT_5 -> MqttVersion.MQTT_5;
        };
    }
}
