package dev.switchboard.mqtt.packet;

/**
 * One MQTT control packet as an immutable, version-neutral value. Netty's codec-mqtt does the
 * framing; {@code dev.switchboard.mqtt.codec.PacketMapper} is the only code that converts between
 * its messages and these records, so no reference-counted buffer gets past the edge. Fields that
 * exist only in MQTT 5 are simply absent (empty, zero) for 3.1.1 clients.
 */
public sealed interface Packet permits Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe,
        SubAck, Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect {
}
