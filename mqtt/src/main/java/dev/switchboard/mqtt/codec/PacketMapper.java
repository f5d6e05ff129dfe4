package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.codec.AckMapping.Reply;
import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.PingReq;
import dev.switchboard.mqtt.packet.PingResp;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.PubAck;
import dev.switchboard.mqtt.packet.PubComp;
import dev.switchboard.mqtt.packet.PubRec;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.SubAck;
import dev.switchboard.mqtt.packet.Subscribe;
import dev.switchboard.mqtt.packet.UnsubAck;
import dev.switchboard.mqtt.packet.Unsubscribe;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.Objects;

/**
 * The one place that converts between Netty's {@code MqttMessage}s and the module's
 * {@link Packet} records, so that reference-counted buffers stop at the edge.
 *
 * <p><b>Ownership.</b> {@link #fromNetty} never retains or releases: it copies what it needs (the
 * PUBLISH payload, will payload, password, correlation data) into arrays, and <em>the caller
 * releases the Netty message</em>, whether mapping succeeded or threw, as a
 * {@code SimpleChannelInboundHandler} does. {@link #toNetty} returns a message that owns its
 * buffer (for PUBLISH, the record's payload array wrapped by {@code Unpooled.wrappedBuffer}); writing
 * it to the channel hands it to {@code MqttEncoder}, which releases it.
 *
 * <p><b>Versions.</b> Incoming packets need no version: Netty decoded them for the version its
 * channel attribute holds (see {@link MqttVersionAttribute}), and MQTT 5 fields absent on the wire
 * come out empty or as the record's documented default. Outgoing packets are built for the version
 * given, which must be the one the channel's encoder uses; a {@link Connect} is always built for
 * its own {@link Connect#version()}.
 */
public final class PacketMapper {
    private PacketMapper() {
    }

    /**
     * The record for a message from {@code MqttDecoder}.
     *
     * @throws MqttProtocolException if the decoder reported a failure (see {@link DecoderFailures}
     *     for the reason codes) or the packet breaks a wire rule Netty does not check; an AUTH packet
     *     is a protocol error (0x82) because the broker supports no enhanced authentication
     */
    public static Packet fromNetty(MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            throw DecoderFailures.toException(message);
        }
        switch (message.fixedHeader().messageType()) {
            case CONNECT:
                return ConnectMapping.fromNetty((MqttConnectMessage) message);
            case CONNACK:
                return ConnectMapping.fromNetty((MqttConnAckMessage) message);
            case PUBLISH:
                return PublishMapping.fromNetty((MqttPublishMessage) message);
            case PUBACK: {
                Reply reply = AckMapping.replyFromNetty(message);
                return new PubAck(reply.packetId(), reply.reasonCode(), reply.reasonString());
            }
            case PUBREC: {
                Reply reply = AckMapping.replyFromNetty(message);
                return new PubRec(reply.packetId(), reply.reasonCode(), reply.reasonString());
            }
            case PUBREL: {
                Reply reply = AckMapping.replyFromNetty(message);
                return new PubRel(reply.packetId(), reply.reasonCode(), reply.reasonString());
            }
            case PUBCOMP: {
                Reply reply = AckMapping.replyFromNetty(message);
                return new PubComp(reply.packetId(), reply.reasonCode(), reply.reasonString());
            }
            case SUBSCRIBE:
                return SubscriptionMapping.fromNetty((MqttSubscribeMessage) message);
            case SUBACK:
                return SubscriptionMapping.fromNetty((MqttSubAckMessage) message);
            case UNSUBSCRIBE:
                return SubscriptionMapping.fromNetty((MqttUnsubscribeMessage) message);
            case UNSUBACK:
                return SubscriptionMapping.fromNetty((MqttUnsubAckMessage) message);
            case PINGREQ:
                return PingReq.INSTANCE;
            case PINGRESP:
                return PingResp.INSTANCE;
            case DISCONNECT:
                return AckMapping.disconnectFromNetty(message);
            case AUTH:
                throw MqttProtocolException.protocolError("AUTH without an authentication method");
            default:
                throw MqttProtocolException.malformed("unknown packet type " + message.fixedHeader().messageType());
        }
    }

    /**
     * The Netty message for a record, built for {@code version}: for 3.x without properties, with
     * CONNACK reason codes as 3.1.1 return codes and SUBACK failures as 0x80; for MQTT 5 with
     * reason codes, reason strings and properties.
     */
    public static MqttMessage toNetty(Packet packet, ProtocolVersion version) {
        Objects.requireNonNull(version, "version");
        if (packet instanceof Publish publish) {
            return PublishMapping.toNetty(publish, version);
        } else if (packet instanceof PubAck ack) {
            return AckMapping.pubAck(ack, version);
        } else if (packet instanceof PubRec rec) {
            return AckMapping.pubRec(rec, version);
        } else if (packet instanceof PubRel rel) {
            return AckMapping.pubRel(rel, version);
        } else if (packet instanceof PubComp comp) {
            return AckMapping.pubComp(comp, version);
        } else if (packet instanceof ConnAck connAck) {
            return ConnectMapping.toNetty(connAck, version);
        } else if (packet instanceof SubAck subAck) {
            return SubscriptionMapping.toNetty(subAck, version);
        } else if (packet instanceof UnsubAck unsubAck) {
            return SubscriptionMapping.toNetty(unsubAck, version);
        } else if (packet instanceof PingResp) {
            return MqttMessage.PINGRESP;
        } else if (packet instanceof Disconnect disconnect) {
            return AckMapping.disconnect(disconnect, version);
        } else if (packet instanceof Connect connect) {
            return ConnectMapping.toNetty(connect);
        } else if (packet instanceof Subscribe subscribe) {
            return SubscriptionMapping.toNetty(subscribe, version);
        } else if (packet instanceof Unsubscribe unsubscribe) {
            return SubscriptionMapping.toNetty(unsubscribe, version);
        } else if (packet instanceof PingReq) {
            return MqttMessage.PINGREQ;
        }
        throw new IllegalArgumentException("no mapping for " + packet);
    }
}
