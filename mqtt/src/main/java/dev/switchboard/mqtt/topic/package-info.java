/**
 * Topic names, topic filters and the one {@link dev.switchboard.mqtt.topic.TopicTree} that matches
 * publications to subscriptions and finds retained messages, for MQTT 3.1.1 and 5.0 alike. Pure Java,
 * no Netty: the broker hands in validated {@link dev.switchboard.mqtt.topic.TopicName}s and
 * {@link dev.switchboard.mqtt.topic.TopicFilter}s and turns a match into
 * {@link dev.switchboard.mqtt.topic.Deliveries}.
 *
 * <p>Normative statements are cited by their OASIS ids. Where 3.1.1 and 5.0 number the same rule
 * differently both are given, 3.1.1 first: no wildcards in a topic name is MQTT-4.7.1-1 in 3.1.1 and
 * MQTT-4.7.0-1 in 5.0; the '#' rule is MQTT-4.7.1-2 / MQTT-4.7.1-1; the '+' rule is MQTT-4.7.1-3 /
 * MQTT-4.7.1-2. MQTT-4.7.2-1 ($-topics) and MQTT-4.7.3-1..4 (length, U+0000, 65,535 bytes, no
 * normalisation) carry the same ids in both.
 */
package dev.switchboard.mqtt.topic;
