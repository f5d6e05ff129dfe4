package dev.switchboard.mqtt.packet;

/** MQTT 5 reason codes the broker uses (OASIS MQTT 5.0, section 2.4). */
public final class ReasonCodes {
    public static final int SUCCESS = 0x00;
    public static final int GRANTED_QOS_1 = 0x01;
    public static final int GRANTED_QOS_2 = 0x02;
    public static final int DISCONNECT_WITH_WILL = 0x04;
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    public static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    public static final int UNSPECIFIED_ERROR = 0x80;
    public static final int MALFORMED_PACKET = 0x81;
    public static final int PROTOCOL_ERROR = 0x82;
    public static final int IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    public static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    public static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    public static final int NOT_AUTHORIZED = 0x87;
    public static final int SERVER_UNAVAILABLE = 0x88;
    public static final int SERVER_BUSY = 0x89;
    public static final int SERVER_SHUTTING_DOWN = 0x8B;
    public static final int BAD_AUTHENTICATION_METHOD = 0x8C;
    public static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    public static final int SESSION_TAKEN_OVER = 0x8E;
    public static final int TOPIC_FILTER_INVALID = 0x8F;
    public static final int TOPIC_NAME_INVALID = 0x90;
    public static final int PACKET_IDENTIFIER_IN_USE = 0x91;
    public static final int PACKET_IDENTIFIER_NOT_FOUND = 0x92;
    public static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    public static final int TOPIC_ALIAS_INVALID = 0x94;
    public static final int PACKET_TOO_LARGE = 0x95;
    public static final int QUOTA_EXCEEDED = 0x97;
    public static final int PAYLOAD_FORMAT_INVALID = 0x99;
    public static final int QOS_NOT_SUPPORTED = 0x9B;
    public static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;
    public static final int CONNECTION_RATE_EXCEEDED = 0x9F;
    public static final int SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED = 0xA1;
    public static final int WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED = 0xA2;

    private ReasonCodes() {
    }

    /** The MQTT 3.1.1 CONNACK return code for an MQTT 5 CONNACK reason code. */
    public static int connectReturnCode311(int reasonCode) {
        return switch (reasonCode) {
            case SUCCESS -> 0x00;
            case UNSUPPORTED_PROTOCOL_VERSION -> 0x01;
            case CLIENT_IDENTIFIER_NOT_VALID -> 0x02;
            case SERVER_UNAVAILABLE, SERVER_BUSY, SERVER_SHUTTING_DOWN, CONNECTION_RATE_EXCEEDED -> 0x03;
            case BAD_USER_NAME_OR_PASSWORD -> 0x04;
            default -> 0x05; // not authorized, and anything else
        };
    }

    /**
     * The MQTT 5 CONNACK reason code for an MQTT 3.1.1 return code (0x01 -> 0x84, ...). Codes that
     * are already MQTT 5 reason codes (0x00, 0x80 and above) are returned as they are.
     */
    public static int connectReasonCode(int returnCode) {
        return switch (returnCode) {
            case 0x01 -> UNSUPPORTED_PROTOCOL_VERSION;
            case 0x02 -> CLIENT_IDENTIFIER_NOT_VALID;
            case 0x03 -> SERVER_UNAVAILABLE;
            case 0x04 -> BAD_USER_NAME_OR_PASSWORD;
            case 0x05 -> NOT_AUTHORIZED;
            default -> returnCode;
        };
    }

    /** True for codes that mean failure (0x80 and above). */
    public static boolean isFailure(int reasonCode) {
        return reasonCode >= 0x80;
    }
}
