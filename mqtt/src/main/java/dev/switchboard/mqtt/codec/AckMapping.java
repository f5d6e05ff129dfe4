package dev.switchboard.mqtt.codec;

import static io.netty.handler.codec.mqtt.MqttProperties.REASON_STRING;
import static io.netty.handler.codec.mqtt.MqttProperties.SESSION_EXPIRY_INTERVAL;

import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.PubAck;
import dev.switchboard.mqtt.packet.PubComp;
import dev.switchboard.mqtt.packet.PubRec;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.ReasonCodes;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import java.util.OptionalLong;

/**
 * The packets that are a packet id or a reason code with an optional reason string: PUBACK,
 * PUBREC, PUBREL, PUBCOMP and DISCONNECT. MQTT 5 may shorten them on the wire (no reason code when
 * it is 0x00 and there are no properties); Netty fills in 0x00, and so does 3.1.1.
 */
final class AckMapping {
    private AckMapping() {
    }

    /** A publish acknowledgement's packet id, reason code and reason string, whatever its type. */
    record Reply(int packetId, int reasonCode, String reasonString) {
    }

    static Reply replyFromNetty(MqttMessage message) {
        MqttMessageIdVariableHeader header = (MqttMessageIdVariableHeader) message.variableHeader();
        if (header instanceof MqttPubReplyMessageVariableHeader reply) {
            return new Reply(reply.messageId(), reply.reasonCode() & 0xFF,
                    Mqtt5Properties.of(reply.properties()).string(REASON_STRING));
        }
        return new Reply(header.messageId(), ReasonCodes.SUCCESS, null);
    }

    static MqttMessage pubAck(PubAck ack, ProtocolVersion version) {
        return reply(MqttMessageType.PUBACK, new Reply(ack.packetId(), ack.reasonCode(), ack.reasonString()), version);
    }

    static MqttMessage pubRec(PubRec rec, ProtocolVersion version) {
        return reply(MqttMessageType.PUBREC, new Reply(rec.packetId(), rec.reasonCode(), rec.reasonString()), version);
    }

    static MqttMessage pubRel(PubRel rel, ProtocolVersion version) {
        return reply(MqttMessageType.PUBREL, new Reply(rel.packetId(), rel.reasonCode(), rel.reasonString()), version);
    }

    static MqttMessage pubComp(PubComp comp, ProtocolVersion version) {
        return reply(MqttMessageType.PUBCOMP, new Reply(comp.packetId(), comp.reasonCode(), comp.reasonString()),
                version);
    }

    private static MqttMessage reply(MqttMessageType type, Reply reply, ProtocolVersion version) {
        // PUBREL's fixed header flags are 0010 (MQTT-3.6.1-1)
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        MqttFixedHeader fixed = new MqttFixedHeader(type, false, qos, false, 0);
        if (!version.isMqtt5()) {
            return new MqttMessage(fixed, MqttMessageIdVariableHeader.from(reply.packetId()));
        }
        MqttProperties properties = Mqtt5Properties.builder().string(REASON_STRING, reply.reasonString()).build();
        return new MqttMessage(fixed,
                new MqttPubReplyMessageVariableHeader(reply.packetId(), (byte) reply.reasonCode(), properties));
    }

    static Disconnect disconnectFromNetty(MqttMessage message) {
        if (!(message.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header)) {
            return Disconnect.NORMAL;
        }
        Mqtt5Properties properties = Mqtt5Properties.of(header.properties());
        return new Disconnect(header.reasonCode() & 0xFF, properties.string(REASON_STRING),
                properties.fourByteInteger(SESSION_EXPIRY_INTERVAL));
    }

    /** MQTT 5: reason code and properties. 3.x: the bare two bytes, whatever the reason. */
    static MqttMessage disconnect(Disconnect disconnect, ProtocolVersion version) {
        if (!version.isMqtt5()) {
            return MqttMessage.DISCONNECT;
        }
        OptionalLong sessionExpiry = disconnect.sessionExpiryIntervalSeconds();
        MqttProperties properties = Mqtt5Properties.builder()
                .fourByteInteger(SESSION_EXPIRY_INTERVAL, sessionExpiry)
                .string(REASON_STRING, disconnect.reasonString())
                .build();
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) disconnect.reasonCode(), properties));
    }
}
