package dev.switchboard.mqtt.topic;

import java.util.Objects;

/**
 * The parts of a shared subscription's filter {@code $share/{ShareName}/{filter}} (MQTT 5.0 section
 * 4.8.2, also accepted from 3.1.1 clients as most brokers do). Subscriptions with the same ShareName
 * and the same filter form one group, and each matching message goes to one member of the group.
 *
 * @param shareName at least one character, without '/', '+' or '#' (MQTT-4.8.2-1, MQTT-4.8.2-2)
 * @param filter the filter that is matched against topic names; never itself shared
 */
public record SharedSubscription(String shareName, TopicFilter filter) {

    /** The prefix that marks a shared subscription's topic filter (MQTT-4.8.2-1). */
    public static final String PREFIX = "$share/";

    /** Validates the share name and requires a non-shared filter. */
    public SharedSubscription {
        Objects.requireNonNull(shareName, "shareName");
        Objects.requireNonNull(filter, "filter");
        if (shareName.isEmpty()) {
            throw new InvalidTopicException(TopicProblem.EMPTY_SHARE_NAME, PREFIX + "/" + filter);
        }
        if (shareName.indexOf('/') >= 0 || shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0) {
            throw new InvalidTopicException(TopicProblem.INVALID_SHARE_NAME, PREFIX + shareName + "/" + filter);
        }
        if (filter.isShared()) {
            throw new IllegalArgumentException("the filter of a shared subscription is not itself shared: " + filter);
        }
    }

    /** The full topic filter as written in SUBSCRIBE: {@code $share/{shareName}/{filter}}. */
    public String topicFilter() {
        return PREFIX + shareName + "/" + filter.value();
    }
}
