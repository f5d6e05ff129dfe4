package dev.switchboard.mqtt.packet;

/** PINGRESP. */
public record PingResp() implements Packet {
    public static final PingResp INSTANCE = new PingResp();
}
