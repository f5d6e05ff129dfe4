package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.codec.MqttProtocolException;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.ReasonCodes;

/**
 * The topic aliases one MQTT 5 client set towards the broker (MQTT 5 section 3.3.2.3.4). Aliases
 * last as long as the network connection. Per connection, touched only on its event loop.
 */
final class TopicAliases {
    private final int maximum;
    /** Created by the first alias the client sets: most clients never set one. */
    private String[] topics;

    /** {@code maximum}: the Topic Alias Maximum the broker sent in CONNACK. */
    TopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /**
     * The publish with its topic resolved and no alias left on it (an alias is per connection, so
     * it must never travel on to subscribers).
     *
     * @throws MqttProtocolException 0x94 for an alias of 0 or above the maximum (MQTT-3.3.2-8,
     *     MQTT-3.3.2-9), 0x82 for an empty topic with an alias never set
     */
    Publish resolve(Publish publish) {
        if (publish.topicAlias().isEmpty()) {
            return publish;
        }
        int alias = publish.topicAlias().getAsInt();
        if (alias == 0 || alias > maximum) {
            throw new MqttProtocolException(ReasonCodes.TOPIC_ALIAS_INVALID,
                    "topic alias " + alias + " is outside 1-" + maximum);
        }
        String topic = publish.topic();
        if (topic.isEmpty()) {
            topic = topics == null ? null : topics[alias];
            if (topic == null) {
                throw MqttProtocolException.protocolError("topic alias " + alias + " used before it was set");
            }
        } else {
            if (topics == null) {
                topics = new String[maximum + 1];
            }
            topics[alias] = topic;
        }
        return new Publish(topic, publish.payload(), publish.qos(), publish.retain(), publish.dup(), publish.packetId(),
                publish.properties(), java.util.OptionalInt.empty(), publish.subscriptionIdentifiers());
    }
}
