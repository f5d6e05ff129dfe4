package dev.switchboard.mqtt.topic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The copies of one published message that go out, resolved from a {@link TopicTree#match} result.
 * A pure function of its inputs.
 *
 * <p>The rules, applied in this order:
 * <ol>
 *   <li><b>No Local is per subscription</b> (MQTT-3.8.3-3): a subscription with No Local whose client is
 *       the publisher is dropped as if it had not matched. If every matching subscription of the
 *       publisher has No Local, the publisher gets nothing; if one of them lacks it, the publisher gets
 *       a copy built from the subscriptions that remain.</li>
 *   <li><b>One copy per client for its non-shared subscriptions.</b> Overlapping subscriptions of one
 *       client are merged into a single copy at the highest QoS among them (3.1.1 MQTT-3.3.5-1, 5.0
 *       MQTT-3.3.4-2), capped by the publication's QoS (5.0 MQTT-3.8.4-8). In 5.0 the server may also
 *       send one copy per subscription; we never do, so the one copy carries the Subscription
 *       Identifiers of all the merged subscriptions that have one (MQTT-3.3.4-3, MQTT-3.3.4-4). A 3.1.1
 *       subscription has no identifier and no 5.0 options, so the same rule gives 3.1.1 exactly one copy
 *       at the highest QoS and needs no protocol version.</li>
 *   <li><b>Retain As Published</b> (5.0 MQTT-3.3.1-12/-13): the copy keeps the publication's RETAIN flag
 *       if at least one merged subscription has the option, and has RETAIN 0 otherwise (always for 3.1.1,
 *       MQTT-3.3.1-9). A single copy cannot honour two different settings at once; like QoS and
 *       identifiers, it carries the union of what the subscriptions asked for.</li>
 *   <li><b>Shared subscriptions are separate copies</b> (section 4.8.2): the member the tree chose gets its
 *       own copy with that subscription's QoS, flag and identifier, in addition to any copy it gets
 *       through its non-shared subscriptions.</li>
 * </ol>
 * Copies for non-shared subscriptions come first, in the order their clients first appear in the match,
 * then the shared ones in match order.
 *
 * @param all every copy to send
 */
public record Deliveries(List<Delivery> all) {

    /** Copies the list. */
    public Deliveries {
        all = List.copyOf(all);
    }

    /**
     * Resolves the copies of one message.
     *
     * @param matches what {@link TopicTree#match} returned for the message's topic
     * @param publisherClientId the client that published it, or {@code null} for a message the broker
     *     itself publishes (such as {@code $SYS}), which No Local never drops
     * @param publishQos the QoS the message was published with
     * @param publishRetain the RETAIN flag it was published with
     */
    public static Deliveries resolve(
            List<Subscription> matches, String publisherClientId, int publishQos, boolean publishRetain) {
        Objects.requireNonNull(matches, "matches");
        if (publishQos < 0 || publishQos > 2) {
            throw new IllegalArgumentException("publishQos must be 0, 1 or 2, got " + publishQos);
        }
        Map<String, Merged> perClient = new LinkedHashMap<>();
        List<Delivery> shared = new ArrayList<>();
        for (Subscription subscription : matches) {
            SubscriptionOptions options = subscription.options();
            if (options.noLocal() && subscription.clientId().equals(publisherClientId)) {
                continue; // MQTT-3.8.3-3
            }
            if (subscription.filter().isShared()) {
                shared.add(new Delivery(
                        subscription.clientId(),
                        Math.min(publishQos, options.qos()),
                        publishRetain && options.retainAsPublished(),
                        identifiers(options.subscriptionIdentifier()),
                        subscription.filter().sharedSubscription()));
            } else {
                perClient.computeIfAbsent(subscription.clientId(), Merged::new).add(options);
            }
        }
        List<Delivery> all = new ArrayList<>(perClient.size() + shared.size());
        for (Merged merged : perClient.values()) {
            all.add(merged.toDelivery(publishQos, publishRetain));
        }
        all.addAll(shared);
        return new Deliveries(all);
    }

    /** The copies for one client, in the order of {@link #all()}. */
    public List<Delivery> forClient(String clientId) {
        return all.stream().filter(delivery -> delivery.clientId().equals(clientId)).toList();
    }

    /** How many copies go out. */
    public int size() {
        return all.size();
    }

    private static List<Integer> identifiers(OptionalInt identifier) {
        return identifier.isPresent() ? List.of(identifier.getAsInt()) : List.of();
    }

    /** The non-shared subscriptions of one client that matched, merged into one copy. */
    private static final class Merged {
        private final String clientId;
        private int maxQos;
        private boolean retainAsPublished;
        private final List<Integer> identifiers = new ArrayList<>(1);

        Merged(String clientId) {
            this.clientId = clientId;
        }

        void add(SubscriptionOptions options) {
            maxQos = Math.max(maxQos, options.qos());
            retainAsPublished |= options.retainAsPublished();
            options.subscriptionIdentifier().ifPresent(identifiers::add);
        }

        Delivery toDelivery(int publishQos, boolean publishRetain) {
            identifiers.sort(null);
            return new Delivery(clientId, Math.min(publishQos, maxQos), publishRetain && retainAsPublished,
                    identifiers, Optional.empty());
        }
    }
}
