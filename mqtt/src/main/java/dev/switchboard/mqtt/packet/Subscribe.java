package dev.switchboard.mqtt.packet;

import java.util.List;
import java.util.OptionalInt;

/** SUBSCRIBE: filters with options, and MQTT 5's optional Subscription Identifier. */
public record Subscribe(int packetId, List<Subscription> subscriptions, OptionalInt subscriptionIdentifier,
        List<UserProperty> userProperties) implements Packet {
    public Subscribe {
        subscriptions = List.copyOf(subscriptions);
        userProperties = List.copyOf(userProperties);
    }
}
