package dev.switchboard.mqtt.topic;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One copy of a published message for one client, as {@link Deliveries} resolves it.
 *
 * @param clientId the receiving client
 * @param qos the QoS to send at: the publication's QoS, capped by the highest QoS of the client's
 *     matching subscriptions (MQTT-3.3.5-1 / MQTT-3.3.4-2, and 5.0 MQTT-3.8.4-8)
 * @param retain the RETAIN flag to send: the publication's flag where a matching subscription has
 *     Retain As Published, otherwise 0 (3.1.1 MQTT-3.3.1-9; 5.0 MQTT-3.3.1-12/-13)
 * @param subscriptionIdentifiers the identifiers of all the matching subscriptions that have one, in
 *     ascending order (the order is not significant, MQTT-3.3.4-4); empty for 3.1.1
 * @param sharedSubscription for a copy sent through a shared subscription, which one; empty for the
 *     copy a client gets through its non-shared subscriptions
 */
public record Delivery(
        String clientId,
        int qos,
        boolean retain,
        List<Integer> subscriptionIdentifiers,
        Optional<SharedSubscription> sharedSubscription) {

    /** Validates the QoS and copies the identifiers. */
    public Delivery {
        Objects.requireNonNull(clientId, "clientId");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
        }
        subscriptionIdentifiers = List.copyOf(subscriptionIdentifiers);
        Objects.requireNonNull(sharedSubscription, "sharedSubscription");
    }
}
