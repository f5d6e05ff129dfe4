package dev.switchboard.mqtt.packet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * PUBLISH. {@code packetId} is 0 at QoS 0. {@code topicAlias} is MQTT 5's Topic Alias as on the
 * wire (the connection resolves it; the topic is then never empty inside the broker).
 * {@code subscriptionIdentifiers} are set only on the way out to an MQTT 5 subscriber. Equal when
 * the payloads hold the same bytes.
 */
public record Publish(
        String topic,
        byte[] payload,
        int qos,
        boolean retain,
        boolean dup,
        int packetId,
        MessageProperties properties,
        OptionalInt topicAlias,
        List<Integer> subscriptionIdentifiers) implements Packet {

    public Publish {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(topicAlias, "topicAlias");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + qos);
        }
        subscriptionIdentifiers = List.copyOf(subscriptionIdentifiers);
    }

    /** A plain publish with no MQTT 5 extras. */
    public static Publish of(String topic, byte[] payload, int qos, boolean retain, int packetId) {
        return new Publish(topic, payload, qos, retain, false, packetId, MessageProperties.NONE, OptionalInt.empty(),
                List.of());
    }

    public Publish withDelivery(int qos, int packetId, boolean retain, boolean dup, List<Integer> subscriptionIds) {
        return new Publish(topic, payload, qos, retain, dup, packetId, properties, OptionalInt.empty(), subscriptionIds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Publish p && p.topic.equals(topic) && Arrays.equals(p.payload, payload) && p.qos == qos
                && p.retain == retain && p.dup == dup && p.packetId == packetId && p.properties.equals(properties)
                && p.topicAlias.equals(topicAlias) && p.subscriptionIdentifiers.equals(subscriptionIdentifiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, dup, packetId, properties, topicAlias,
                subscriptionIdentifiers);
    }
}
