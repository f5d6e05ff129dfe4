package dev.switchboard.mqtt.packet;

/** PUBCOMP: packet id, MQTT 5 reason code (0 = success) and optional reason string. */
public record PubComp(int packetId, int reasonCode, String reasonString) implements Packet {
    public static PubComp success(int packetId) {
        return new PubComp(packetId, ReasonCodes.SUCCESS, null);
    }
}
