package dev.switchboard.mqtt.packet;

/** PUBREC: packet id, MQTT 5 reason code (0 = success) and optional reason string. */
public record PubRec(int packetId, int reasonCode, String reasonString) implements Packet {
    public static PubRec success(int packetId) {
        return new PubRec(packetId, ReasonCodes.SUCCESS, null);
    }
}
