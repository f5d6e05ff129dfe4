package dev.switchboard.mqtt.packet;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * CONNACK. {@code reasonCode} is the MQTT 5 reason code; the mapper turns it into the 3.1.1
 * return code for older clients (0x84 -> 0x01, 0x85 -> 0x02, 0x86/0x87 -> 0x04/0x05, ...).
 */
public record ConnAck(
        boolean sessionPresent,
        int reasonCode,
        String reasonString,
        String assignedClientIdentifier,
        OptionalInt serverKeepAlive,
        OptionalInt receiveMaximum,
        OptionalInt topicAliasMaximum,
        OptionalLong sessionExpiryInterval,
        OptionalLong maximumPacketSize) implements Packet {

    public static ConnAck accepted(boolean sessionPresent) {
        return new ConnAck(sessionPresent, ReasonCodes.SUCCESS, null, null, OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    public static ConnAck refused(int reasonCode, String reasonString) {
        return new ConnAck(false, reasonCode, reasonString, null, OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty());
    }
}
