package dev.switchboard.mqtt.packet;

/** PUBACK: packet id, MQTT 5 reason code (0 = success) and optional reason string. */
public record PubAck(int packetId, int reasonCode, String reasonString) implements Packet {
    public static PubAck success(int packetId) {
        return new PubAck(packetId, ReasonCodes.SUCCESS, null);
    }
}
