package dev.switchboard.mqtt.packet;

/** The MQTT protocol versions the broker speaks, by their protocol level byte. */
public enum ProtocolVersion {
    MQTT_3_1(3, "MQIsdp"),
    MQTT_3_1_1(4, "MQTT"),
    MQTT_5(5, "MQTT");

    private final int level;
    private final String protocolName;

    ProtocolVersion(int level, String protocolName) {
        this.level = level;
        this.protocolName = protocolName;
    }

    public int level() {
        return level;
    }

    public String protocolName() {
        return protocolName;
    }

    public boolean isMqtt5() {
        return this == MQTT_5;
    }

    /** The version for a CONNECT's protocol level byte (3, 4 or 5). */
    public static ProtocolVersion ofLevel(int level) {
        for (ProtocolVersion version : values()) {
            if (version.level == level) {
                return version;
            }
        }
        throw new IllegalArgumentException("unknown MQTT protocol level " + level);
    }
}
