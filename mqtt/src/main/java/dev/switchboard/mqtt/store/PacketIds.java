package dev.switchboard.mqtt.store;

/** The range of MQTT packet identifiers, 1 to 65,535. */
final class PacketIds {
    private PacketIds() {
    }

    static int check(int packetId) {
        if (packetId < 1 || packetId > 0xFFFF) {
            throw new IllegalArgumentException("packet id must be 1..65535, got " + packetId);
        }
        return packetId;
    }
}
