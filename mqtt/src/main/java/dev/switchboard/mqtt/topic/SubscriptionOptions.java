package dev.switchboard.mqtt.topic;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a client asked for with one topic filter of a SUBSCRIBE. A 3.1.1 subscription is
 * {@link #atQos(int)}: only the QoS is on its wire, the other options keep their 5.0 defaults.
 *
 * @param qos the granted maximum QoS, 0 to 2
 * @param noLocal do not deliver this client's own publications (5.0, MQTT-3.8.3-3); a Protocol Error
 *     on a shared subscription (MQTT-3.8.3-4), so {@link TopicTree} refuses it there
 * @param retainAsPublished keep the RETAIN flag of forwarded messages (5.0, MQTT-3.3.1-12/-13)
 * @param retainHandling when retained messages are sent at subscribe time (5.0)
 * @param subscriptionIdentifier 1 to 268,435,455 when the SUBSCRIBE carried one (5.0, section 3.8.2.1.2)
 */
public record SubscriptionOptions(
        int qos,
        boolean noLocal,
        boolean retainAsPublished,
        RetainHandling retainHandling,
        OptionalInt subscriptionIdentifier) {

    /** Largest Subscription Identifier, the largest Variable Byte Integer (section 1.5.5). */
    public static final int MAX_SUBSCRIPTION_IDENTIFIER = 268_435_455;

    /** Validates the QoS and identifier ranges. */
    public SubscriptionOptions {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
        }
        Objects.requireNonNull(retainHandling, "retainHandling");
        Objects.requireNonNull(subscriptionIdentifier, "subscriptionIdentifier");
        if (subscriptionIdentifier.isPresent()) {
            int id = subscriptionIdentifier.getAsInt();
            if (id < 1 || id > MAX_SUBSCRIPTION_IDENTIFIER) {
                throw new IllegalArgumentException(
                        "subscription identifier must be 1.." + MAX_SUBSCRIPTION_IDENTIFIER + ", got " + id);
            }
        }
    }

    /** The options of a 3.1.1 subscription, or a 5.0 one with every option at its default. */
    public static SubscriptionOptions atQos(int qos) {
        return new SubscriptionOptions(qos, false, false, RetainHandling.SEND_ON_SUBSCRIBE, OptionalInt.empty());
    }

    /** These options with the No Local flag replaced. */
    public SubscriptionOptions withNoLocal(boolean value) {
        return new SubscriptionOptions(qos, value, retainAsPublished, retainHandling, subscriptionIdentifier);
    }

    /** These options with the Retain As Published flag replaced. */
    public SubscriptionOptions withRetainAsPublished(boolean value) {
        return new SubscriptionOptions(qos, noLocal, value, retainHandling, subscriptionIdentifier);
    }

    /** These options with Retain Handling replaced. */
    public SubscriptionOptions withRetainHandling(RetainHandling value) {
        return new SubscriptionOptions(qos, noLocal, retainAsPublished, value, subscriptionIdentifier);
    }

    /** These options with a Subscription Identifier. */
    public SubscriptionOptions withSubscriptionIdentifier(int value) {
        return new SubscriptionOptions(qos, noLocal, retainAsPublished, retainHandling, OptionalInt.of(value));
    }
}
