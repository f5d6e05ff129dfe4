package dev.switchboard.interop.mqtt;

/** The protocol versions every scenario runs with, and how each third-party program names them. */
enum MqttVersion {
    MQTT_3_1_1("mqttv311", "3.1.1"),
    MQTT_5("mqttv5", "5");

    private final String mosquitto;
    private final String python;

    MqttVersion(String mosquitto, String python) {
        this.mosquitto = mosquitto;
        this.python = python;
    }

    /** The value of mosquitto_pub/sub's {@code -V}. */
    String mosquitto() {
        return mosquitto;
    }

    /** What our Python scripts take as their protocol argument ("5" selects paho's MQTTv5). */
    String python() {
        return python;
    }

    boolean isMqtt5() {
        return this == MQTT_5;
    }
}
