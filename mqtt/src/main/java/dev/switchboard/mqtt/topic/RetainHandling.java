package dev.switchboard.mqtt.topic;

/**
 * When retained messages are sent for a new subscription: the MQTT 5.0 subscription option, bits 4 and 5
 * (section 3.8.3.1). MQTT 3.1.1 behaves as {@link #SEND_ON_SUBSCRIBE}.
 */
public enum RetainHandling {

    /** 0: send the matching retained messages at every SUBSCRIBE (5.0 MQTT-3.3.1-9). */
    SEND_ON_SUBSCRIBE(0),
    /** 1: send them only if the subscription did not exist before (5.0 MQTT-3.3.1-10). */
    SEND_ON_NEW_SUBSCRIPTION(1),
    /** 2: never send them at subscribe time (5.0 MQTT-3.3.1-11). */
    DO_NOT_SEND(2);

    private final int code;

    RetainHandling(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** The constant for a wire value; 3 is a Protocol Error the codec reports before this is called. */
    public static RetainHandling ofCode(int code) {
        for (RetainHandling handling : values()) {
            if (handling.code == code) {
                return handling;
            }
        }
        throw new IllegalArgumentException("retain handling must be 0, 1 or 2, got " + code);
    }
}
