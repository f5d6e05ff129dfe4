package dev.switchboard.mqtt.packet;

import java.util.List;

/** UNSUBACK: one reason code per filter (MQTT 5; 3.1.1 carries none on the wire). */
public record UnsubAck(int packetId, List<Integer> reasonCodes, String reasonString) implements Packet {
    public UnsubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }
}
