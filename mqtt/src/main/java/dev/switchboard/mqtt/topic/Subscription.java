package dev.switchboard.mqtt.topic;

import java.util.Objects;

/**
 * One client's subscription to one topic filter, as held by the {@link TopicTree} and returned by
 * {@link TopicTree#match}.
 *
 * @param clientId the subscribing session's client identifier
 * @param filter the filter as subscribed, shared or not
 * @param options what the client asked for with it
 */
public record Subscription(String clientId, TopicFilter filter, SubscriptionOptions options) {

    /** Requires every part. */
    public Subscription {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(options, "options");
    }
}
