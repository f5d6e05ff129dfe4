package dev.switchboard.mqtt.packet;

/** PUBREL: packet id, MQTT 5 reason code (0 = success) and optional reason string. */
public record PubRel(int packetId, int reasonCode, String reasonString) implements Packet {
    public static PubRel success(int packetId) {
        return new PubRel(packetId, ReasonCodes.SUCCESS, null);
    }
}
