package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Subscribing, replacing, unsubscribing, removing a client, counting and pruning. */
class TopicTreeSubscriptionTest {

    private final TopicTree<String> tree = new TopicTree<>();

    @Test
    void firstSubscribeAddsAndReportsNoReplacement() {
        assertThat(tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(1))).isFalse();

        assertThat(tree.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void identicalFilterReplacesTheSubscription_MQTT_3_8_4_3() {
        tree.subscribe("c1", TopicFilter.of("a/+"), SubscriptionOptions.atQos(0));

        boolean replaced = tree.subscribe("c1", TopicFilter.of("a/+"),
                SubscriptionOptions.atQos(2).withSubscriptionIdentifier(5));

        assertThat(replaced).isTrue();
        assertThat(tree.subscriptionCount()).isEqualTo(1);
        assertThat(tree.match(TopicName.of("a/x"))).singleElement()
                .satisfies(s -> assertThat(s.options().qos()).isEqualTo(2))
                .satisfies(s -> assertThat(s.options().subscriptionIdentifier()).hasValue(5));
    }

    @Test
    void otherClientsAndOtherFiltersDoNotCountAsReplacement() {
        tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));

        assertThat(tree.subscribe("c2", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0))).isFalse();
        assertThat(tree.subscribe("c1", TopicFilter.of("a/+"), SubscriptionOptions.atQos(0))).isFalse();
        assertThat(tree.subscribe("c1", TopicFilter.of("$share/g/a/b"), SubscriptionOptions.atQos(0))).isFalse();
        assertThat(tree.subscriptionCount()).isEqualTo(4);
    }

    @Test
    void sharedSubscriptionOfTheSameClientIsReplacedToo() {
        tree.subscribe("c1", TopicFilter.of("$share/g/a"), SubscriptionOptions.atQos(0));

        assertThat(tree.subscribe("c1", TopicFilter.of("$share/g/a"), SubscriptionOptions.atQos(1))).isTrue();
        assertThat(tree.subscriptionCount()).isEqualTo(1);
        assertThat(tree.match(TopicName.of("a"))).singleElement()
                .satisfies(s -> assertThat(s.options().qos()).isEqualTo(1));
    }

    @Test
    void noLocalOnASharedSubscriptionIsRefused_MQTT_3_8_3_4() {
        assertThatThrownBy(() -> tree.subscribe("c1", TopicFilter.of("$share/g/a"),
                SubscriptionOptions.atQos(0).withNoLocal(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MQTT-3.8.3-4");
        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.nodeCount()).isEqualTo(1);
    }

    @Test
    void unsubscribeRemovesOnlyThatClientsSubscriptionToThatFilter() {
        tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));
        tree.subscribe("c1", TopicFilter.of("a/+"), SubscriptionOptions.atQos(0));
        tree.subscribe("c2", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));

        assertThat(tree.unsubscribe("c1", TopicFilter.of("a/b"))).isTrue();

        assertThat(tree.match(TopicName.of("a/b"))).extracting(s -> s.clientId() + " " + s.filter())
                .containsExactlyInAnyOrder("c1 a/+", "c2 a/b");
        assertThat(tree.subscriptionCount()).isEqualTo(2);
    }

    @Test
    void unsubscribeOfSomethingNotSubscribedReportsFalse() {
        tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));

        assertThat(tree.unsubscribe("c1", TopicFilter.of("a/c"))).isFalse();
        assertThat(tree.unsubscribe("c2", TopicFilter.of("a/b"))).isFalse();
        assertThat(tree.unsubscribe("c1", TopicFilter.of("a"))).isFalse();
        assertThat(tree.unsubscribe("c1", TopicFilter.of("a/b/c"))).isFalse();
        assertThat(tree.unsubscribe("c1", TopicFilter.of("$share/g/a/b"))).isFalse();
        assertThat(tree.unsubscribe("c1", TopicFilter.of("a/b"))).isTrue();
        assertThat(tree.unsubscribe("c1", TopicFilter.of("a/b"))).isFalse();
        assertThat(tree.subscriptionCount()).isZero();
    }

    @Test
    void unsubscribePrunesEmptyNodesUpToTheRoot() {
        tree.subscribe("c1", TopicFilter.of("a/b/c/d"), SubscriptionOptions.atQos(0));
        assertThat(tree.nodeCount()).isEqualTo(5);

        tree.unsubscribe("c1", TopicFilter.of("a/b/c/d"));

        assertThat(tree.nodeCount()).isEqualTo(1);
    }

    @Test
    void pruningStopsAtANodeThatStillHoldsSomething() {
        tree.subscribe("c1", TopicFilter.of("a/b/c/d"), SubscriptionOptions.atQos(0));
        tree.subscribe("c2", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));
        tree.subscribe("c3", TopicFilter.of("$share/g/a/x"), SubscriptionOptions.atQos(0));
        tree.putRetained(TopicName.of("a/b/c"), "kept");
        assertThat(tree.nodeCount()).isEqualTo(6); // root a b c d x

        tree.unsubscribe("c1", TopicFilter.of("a/b/c/d"));
        assertThat(tree.nodeCount()).isEqualTo(5); // d went, c holds the retained message

        tree.removeRetained(TopicName.of("a/b/c"));
        assertThat(tree.nodeCount()).isEqualTo(4); // c went, b holds c2

        tree.unsubscribe("c2", TopicFilter.of("a/b"));
        assertThat(tree.nodeCount()).isEqualTo(3); // b went, a holds x with the shared group

        tree.unsubscribe("c3", TopicFilter.of("$share/g/a/x"));
        assertThat(tree.nodeCount()).isEqualTo(1);
        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.retainedCount()).isZero();
    }

    @Test
    void aPrunedPathCanBeSubscribedAgain() {
        tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));
        tree.unsubscribe("c1", TopicFilter.of("a/b"));

        assertThat(tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0))).isFalse();
        assertThat(tree.match(TopicName.of("a/b"))).hasSize(1);
    }

    @Test
    void removeClientRemovesAllItsSubscriptionsSharedOnesIncluded() {
        tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));
        tree.subscribe("c1", TopicFilter.of("a/#"), SubscriptionOptions.atQos(0));
        tree.subscribe("c1", TopicFilter.of("$share/g/a/b"), SubscriptionOptions.atQos(0));
        tree.subscribe("c2", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));
        tree.subscribe("c2", TopicFilter.of("$share/g/a/b"), SubscriptionOptions.atQos(0));

        assertThat(tree.removeClient("c1")).isEqualTo(3);

        assertThat(tree.subscriptionCount()).isEqualTo(2);
        for (int i = 0; i < 3; i++) { // the shared group now has c2 alone
            assertThat(tree.match(TopicName.of("a/b"))).extracting(s -> s.clientId() + " " + s.filter())
                    .containsExactlyInAnyOrder("c2 a/b", "c2 $share/g/a/b");
        }
        assertThat(tree.match(TopicName.of("a/c"))).isEmpty();
        assertThat(tree.removeClient("c1")).isZero();
        assertThat(tree.removeClient("c2")).isEqualTo(2);
        assertThat(tree.nodeCount()).isEqualTo(1);
    }

    @Test
    void removeClientOfAnUnknownClientRemovesNothing() {
        tree.subscribe("c1", TopicFilter.of("a"), SubscriptionOptions.atQos(0));

        assertThat(tree.removeClient("nobody")).isZero();
        assertThat(tree.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void aClientUnsubscribedFromEverythingCanSubscribeAgainAndBeRemoved() {
        tree.subscribe("c1", TopicFilter.of("a"), SubscriptionOptions.atQos(0));
        tree.unsubscribe("c1", TopicFilter.of("a"));
        tree.subscribe("c1", TopicFilter.of("b"), SubscriptionOptions.atQos(0));

        assertThat(tree.removeClient("c1")).isEqualTo(1);
        assertThat(tree.subscriptionCount()).isZero();
    }

    @Test
    void subscriptionCountCountsEachSharedMember() {
        tree.subscribe("c1", TopicFilter.of("$share/g/a"), SubscriptionOptions.atQos(0));
        tree.subscribe("c2", TopicFilter.of("$share/g/a"), SubscriptionOptions.atQos(0));
        tree.subscribe("c3", TopicFilter.of("$share/h/a"), SubscriptionOptions.atQos(0));

        assertThat(tree.subscriptionCount()).isEqualTo(3);
    }
}
