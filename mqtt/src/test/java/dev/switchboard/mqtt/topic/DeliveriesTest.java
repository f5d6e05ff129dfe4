package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Turning one match into the copies that go out: one per client, plus one per shared group. */
class DeliveriesTest {

    private static final String PUBLISHER = "publisher";

    @Test
    void overlappingSubscriptionsGiveOneCopyAtTheHighestQos_MQTT_3_3_5_1_and_5_0_MQTT_3_3_4_2() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub("c1", "a/+", SubscriptionOptions.atQos(0)),
                sub("c1", "a/#", SubscriptionOptions.atQos(2)),
                sub("c1", "a/b", SubscriptionOptions.atQos(1))), PUBLISHER, 2, false);

        assertThat(deliveries.all()).containsExactly(new Delivery("c1", 2, false, List.of(), Optional.empty()));
    }

    @Test
    void qosIsCappedByThePublication_5_0_MQTT_3_8_4_8() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub("c1", "a/#", SubscriptionOptions.atQos(2)),
                sub("c2", "a/#", SubscriptionOptions.atQos(0))), PUBLISHER, 1, false);

        assertThat(deliveries.all()).extracting(Delivery::clientId, Delivery::qos)
                .containsExactly(tuple("c1", 1), tuple("c2", 0));
    }

    @Test
    void oneCopyCarriesEverySubscriptionIdentifier_MQTT_3_3_4_3_and_4() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub("c1", "a/#", SubscriptionOptions.atQos(0).withSubscriptionIdentifier(30)),
                sub("c1", "a/+", SubscriptionOptions.atQos(1)),
                sub("c1", "a/b", SubscriptionOptions.atQos(0).withSubscriptionIdentifier(4)),
                sub("c1", "+/b", SubscriptionOptions.atQos(0).withSubscriptionIdentifier(4))), PUBLISHER, 2, false);

        assertThat(deliveries.all()).singleElement().satisfies(delivery -> {
            assertThat(delivery.qos()).isEqualTo(1);
            // the same identifier on two subscriptions is sent twice (section 3.3.4)
            assertThat(delivery.subscriptionIdentifiers()).containsExactly(4, 4, 30);
        });
    }

    @Test
    void eachClientGetsItsOwnCopyInFirstSeenOrder() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub("c2", "a/#", SubscriptionOptions.atQos(0)),
                sub("c1", "a/#", SubscriptionOptions.atQos(1)),
                sub("c2", "a/b", SubscriptionOptions.atQos(1))), PUBLISHER, 2, false);

        assertThat(deliveries.all()).extracting(Delivery::clientId).containsExactly("c2", "c1");
        assertThat(deliveries.forClient("c2")).singleElement().extracting(Delivery::qos).isEqualTo(1);
        assertThat(deliveries.size()).isEqualTo(2);
    }

    @Test
    void noLocalDropsThePublishersOwnSubscription_MQTT_3_8_3_3() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub(PUBLISHER, "a/#", SubscriptionOptions.atQos(1).withNoLocal(true)),
                sub("other", "a/#", SubscriptionOptions.atQos(1).withNoLocal(true))), PUBLISHER, 1, false);

        assertThat(deliveries.all()).extracting(Delivery::clientId).containsExactly("other");
    }

    @Test
    void noLocalIsPerSubscriptionSoAnotherSubscriptionStillDelivers() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub(PUBLISHER, "a/#", SubscriptionOptions.atQos(2).withNoLocal(true).withSubscriptionIdentifier(1)),
                sub(PUBLISHER, "a/b", SubscriptionOptions.atQos(0).withSubscriptionIdentifier(2))), PUBLISHER, 2, false);

        // the No Local subscription neither delivers nor raises the QoS nor adds its identifier
        assertThat(deliveries.all()).containsExactly(new Delivery(PUBLISHER, 0, false, List.of(2), Optional.empty()));
    }

    @Test
    void noLocalNeverDropsBrokerMessages() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub(PUBLISHER, "$SYS/#", SubscriptionOptions.atQos(0).withNoLocal(true))), null, 0, false);

        assertThat(deliveries.all()).extracting(Delivery::clientId).containsExactly(PUBLISHER);
    }

    @Test
    void retainIsClearedWithoutRetainAsPublished_MQTT_3_3_1_9_and_5_0_MQTT_3_3_1_12() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub("c1", "a/#", SubscriptionOptions.atQos(0))), PUBLISHER, 0, true);

        assertThat(deliveries.all()).singleElement().extracting(Delivery::retain).isEqualTo(false);
    }

    @Test
    void retainIsKeptWithRetainAsPublished_5_0_MQTT_3_3_1_13() {
        Deliveries retained = Deliveries.resolve(List.of(
                sub("c1", "a/#", SubscriptionOptions.atQos(0).withRetainAsPublished(true))), PUBLISHER, 0, true);
        Deliveries notRetained = Deliveries.resolve(List.of(
                sub("c1", "a/#", SubscriptionOptions.atQos(0).withRetainAsPublished(true))), PUBLISHER, 0, false);

        assertThat(retained.all()).singleElement().extracting(Delivery::retain).isEqualTo(true);
        assertThat(notRetained.all()).singleElement().extracting(Delivery::retain).isEqualTo(false);
    }

    @Test
    void oneSubscriptionWithRetainAsPublishedKeepsTheFlagOnTheMergedCopy() {
        Deliveries deliveries = Deliveries.resolve(List.of(
                sub("c1", "a/#", SubscriptionOptions.atQos(0)),
                sub("c1", "a/b", SubscriptionOptions.atQos(0).withRetainAsPublished(true))), PUBLISHER, 0, true);

        assertThat(deliveries.all()).singleElement().extracting(Delivery::retain).isEqualTo(true);
    }

    @Test
    void sharedSubscriptionsAreSeparateCopies_section_4_8_2() {
        Subscription shared = sub("c1", "$share/g/a/#", SubscriptionOptions.atQos(1).withSubscriptionIdentifier(8)
                .withRetainAsPublished(true));
        Deliveries deliveries = Deliveries.resolve(List.of(
                shared,
                sub("c1", "a/#", SubscriptionOptions.atQos(0).withSubscriptionIdentifier(3)),
                sub("c2", "a/b", SubscriptionOptions.atQos(2))), PUBLISHER, 2, true);

        assertThat(deliveries.all()).containsExactly(
                new Delivery("c1", 0, false, List.of(3), Optional.empty()),
                new Delivery("c2", 2, false, List.of(), Optional.empty()),
                new Delivery("c1", 1, true, List.of(8), shared.filter().sharedSubscription()));
        assertThat(deliveries.forClient("c1")).hasSize(2);
    }

    @Test
    void nothingMatchedMeansNothingToSend() {
        assertThat(Deliveries.resolve(List.of(), PUBLISHER, 1, false).all()).isEmpty();
    }

    @Test
    void publicationQosIsValidated() {
        assertThatThrownBy(() -> Deliveries.resolve(List.of(), PUBLISHER, 3, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolvesWhatTheTreeMatched() {
        TopicTree<String> tree = new TopicTree<>();
        tree.subscribe("c1", TopicFilter.of("sensors/+/temp"), SubscriptionOptions.atQos(1).withSubscriptionIdentifier(1));
        tree.subscribe("c1", TopicFilter.of("sensors/#"), SubscriptionOptions.atQos(2).withSubscriptionIdentifier(2));
        tree.subscribe("c2", TopicFilter.of("sensors/kitchen/temp"), SubscriptionOptions.atQos(0));

        Deliveries deliveries = Deliveries.resolve(tree.match(TopicName.of("sensors/kitchen/temp")), "c3", 2, false);

        assertThat(deliveries.forClient("c1")).containsExactly(new Delivery("c1", 2, false, List.of(1, 2), Optional.empty()));
        assertThat(deliveries.forClient("c2")).containsExactly(new Delivery("c2", 0, false, List.of(), Optional.empty()));
    }

    private static Subscription sub(String clientId, String filter, SubscriptionOptions options) {
        return new Subscription(clientId, TopicFilter.of(filter), options);
    }
}
