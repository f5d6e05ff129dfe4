package dev.switchboard.mqtt.packet;

import java.util.List;

/** SUBACK: one reason code per filter (granted QoS 0-2, or a failure code such as 0x80/0x8F/0x87). */
public record SubAck(int packetId, List<Integer> reasonCodes, String reasonString) implements Packet {
    public SubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }
}
