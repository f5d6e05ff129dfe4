package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.topic.SubscriptionOptions;
import java.util.Objects;

/** One subscription of a stored session: the filter as subscribed (shared or not) and its options. */
public record StoredSubscription(String filter, SubscriptionOptions options) {
    public StoredSubscription {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(options, "options");
    }
}
