package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Subscription;
import java.util.List;
import java.util.OptionalInt;

/**
 * Who is subscribed to what: the broker's narrow view of the topic tree. Thread-safe: sessions
 * subscribe from their own lanes while publishes match from others.
 */
interface Subscriptions {
    /** Adds or replaces {@code clientId}'s subscription on the filter; true when one existed before. */
    boolean subscribe(String clientId, Subscription subscription, OptionalInt subscriptionIdentifier);

    /** True when the client had a subscription on exactly that filter. */
    boolean unsubscribe(String clientId, String filter);

    void removeClient(String clientId);

    /**
     * The copies of a message on {@code topic} from {@code publisherId}: one per subscribed client
     * at the highest QoS of its matching subscriptions (capped by {@code qos}) with all their
     * subscription identifiers, plus one per shared-subscription group; No Local is applied.
     */
    List<Target> match(String topic, String publisherId, int qos, boolean retain);

    int count();

    /** The topic filters {@code clientId} is subscribed to, as written (shared ones with their $share prefix). */
    java.util.Set<String> filtersOf(String clientId);

    /** Where one message goes. */
    record Target(String clientId, int qos, boolean retain, List<Integer> subscriptionIdentifiers) {
    }
}
