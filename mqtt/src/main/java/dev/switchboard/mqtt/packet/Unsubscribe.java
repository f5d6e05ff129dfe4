package dev.switchboard.mqtt.packet;

import java.util.List;

/** UNSUBSCRIBE. */
public record Unsubscribe(int packetId, List<String> filters, List<UserProperty> userProperties) implements Packet {
    public Unsubscribe {
        filters = List.copyOf(filters);
        userProperties = List.copyOf(userProperties);
    }
}
