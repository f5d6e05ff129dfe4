package dev.switchboard.mqtt.packet;

/** PINGREQ. */
public record PingReq() implements Packet {
    public static final PingReq INSTANCE = new PingReq();
}
