package dev.switchboard.mqtt.packet;

import java.util.OptionalLong;

/**
 * DISCONNECT in either direction. Reason 0x00 is a normal disconnect (no will); 0x04 asks for the
 * will to be sent. A 3.1.1 DISCONNECT carries no reason on the wire; the server never sends one to
 * a 3.1.1 client (it closes the connection instead).
 */
public record Disconnect(int reasonCode, String reasonString, OptionalLong sessionExpiryIntervalSeconds)
        implements Packet {
    public static final Disconnect NORMAL = new Disconnect(ReasonCodes.SUCCESS, null, OptionalLong.empty());

    public static Disconnect because(int reasonCode, String reasonString) {
        return new Disconnect(reasonCode, reasonString, OptionalLong.empty());
    }
}
