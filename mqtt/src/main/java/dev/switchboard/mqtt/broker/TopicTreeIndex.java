package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.Subscription;
import dev.switchboard.mqtt.topic.Deliveries;
import dev.switchboard.mqtt.topic.Delivery;
import dev.switchboard.mqtt.topic.RetainHandling;
import dev.switchboard.mqtt.topic.Retained;
import dev.switchboard.mqtt.topic.SubscriptionOptions;
import dev.switchboard.mqtt.topic.TopicFilter;
import dev.switchboard.mqtt.topic.TopicName;
import dev.switchboard.mqtt.topic.TopicTree;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.OptionalInt;

/**
 * The broker's subscriptions and retained messages, both in the one {@link TopicTree}: matching
 * for delivery and retained lookup walk the same tree. Thread-safe, as the tree is.
 */
final class TopicTreeIndex implements Subscriptions, RetainedMessages {
    /** A retained message and when its Message Expiry Interval runs out (MAX_VALUE: never). */
    private record Stored(Publish message, long expiresAtMillis) {
    }

    private final TopicTree<Stored> tree = new TopicTree<>();
    private final Clock clock;

    TopicTreeIndex() {
        this(Clock.systemUTC());
    }

    TopicTreeIndex(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean subscribe(String clientId, Subscription subscription, OptionalInt subscriptionIdentifier) {
        TopicFilter filter = TopicFilter.of(subscription.filter());
        return tree.subscribe(clientId, filter, options(subscription, subscriptionIdentifier));
    }

    /** The options a SUBSCRIBE asks for, as the tree keeps them. */
    static SubscriptionOptions options(Subscription subscription, OptionalInt subscriptionIdentifier) {
        return new SubscriptionOptions(Math.min(2, subscription.qos()), subscription.noLocal(),
                subscription.retainAsPublished(), RetainHandling.ofCode(subscription.retainHandling()),
                subscriptionIdentifier);
    }

    @Override
    public boolean unsubscribe(String clientId, String filter) {
        var parsed = TopicFilter.parse(filter);
        return parsed.isValid() && tree.unsubscribe(clientId, parsed.orElseThrow());
    }

    @Override
    public void removeClient(String clientId) {
        tree.removeClient(clientId);
    }

    @Override
    public List<Target> match(String topic, String publisherId, int qos, boolean retain) {
        Deliveries deliveries = Deliveries.resolve(tree.match(TopicName.of(topic)), publisherId, qos, retain);
        List<Target> targets = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries.all()) {
            targets.add(new Target(d.clientId(), d.qos(), d.retain(), d.subscriptionIdentifiers()));
        }
        return targets;
    }

    @Override
    public java.util.Set<String> filtersOf(String clientId) {
        java.util.Set<String> filters = new java.util.HashSet<>();
        tree.filtersOf(clientId).forEach(f -> filters.add(f.value()));
        return filters;
    }

    @Override
    public int count() {
        return (int) Math.min(Integer.MAX_VALUE, tree.subscriptionCount());
    }

    @Override
    public void retain(Publish message) {
        TopicName topic = TopicName.of(message.topic());
        if (message.payload().length == 0) {
            tree.removeRetained(topic);
        } else {
            OptionalLong expiry = message.properties().messageExpiryIntervalSeconds();
            tree.putRetained(topic, new Stored(message,
                    expiry.isPresent() ? clock.millis() + expiry.getAsLong() * 1000 : Long.MAX_VALUE));
        }
    }

    /**
     * A retained message read back from the store, its Message Expiry Interval counted from when
     * it arrived; false (and not kept) when that ran out.
     */
    boolean restore(Publish message, long arrivedAtMillis) {
        OptionalLong expiry = message.properties().messageExpiryIntervalSeconds();
        long expiresAt = expiry.isPresent() ? arrivedAtMillis + expiry.getAsLong() * 1000 : Long.MAX_VALUE;
        if (expiresAt <= clock.millis()) {
            return false;
        }
        tree.putRetained(TopicName.of(message.topic()), new Stored(message, expiresAt));
        return true;
    }

    @Override
    public List<Publish> matching(String filter) {
        var parsed = TopicFilter.parse(filter);
        if (!parsed.isValid()) {
            return List.of();
        }
        List<Publish> messages = new ArrayList<>();
        long now = clock.millis();
        for (Retained<Stored> r : tree.retainedMatching(parsed.orElseThrow())) {
            Stored stored = r.message();
            if (stored.expiresAtMillis() == Long.MAX_VALUE) {
                messages.add(stored.message());
                continue;
            }
            long left = stored.expiresAtMillis() - now;
            if (left <= 0) {
                // MQTT-3.3.2-5: an expired retained message is no longer delivered, and is dropped
                tree.removeRetained(r.topic(), stored);
                continue;
            }
            Publish m = stored.message(); // MQTT-3.3.2-6: sent on with what is left of its interval
            messages.add(new Publish(m.topic(), m.payload(), m.qos(), m.retain(), m.dup(), m.packetId(),
                    m.properties().withMessageExpiry(OptionalLong.of((left + 999) / 1000)), m.topicAlias(),
                    m.subscriptionIdentifiers()));
        }
        return messages;
    }

    @Override
    public int countRetained() {
        return (int) Math.min(Integer.MAX_VALUE, tree.retainedCount());
    }
}
