package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Retained messages held at the topic nodes and found by walking the tree along a filter. */
class TopicTreeRetainedTest {

    private final TopicTree<String> tree = new TopicTree<>();

    @Test
    void putStoresAndReplacesTheRetainedMessage_MQTT_3_3_1_5() {
        assertThat(tree.putRetained(TopicName.of("a/b"), "first")).isEmpty();
        assertThat(tree.putRetained(TopicName.of("a/b"), "second")).hasValue("first");

        assertThat(tree.retained(TopicName.of("a/b"))).hasValue("second");
        assertThat(tree.retainedCount()).isEqualTo(1);
    }

    @Test
    void removeClearsTheTopic_MQTT_3_3_1_10_and_11() {
        tree.putRetained(TopicName.of("a/b"), "m");

        assertThat(tree.removeRetained(TopicName.of("a/b"))).hasValue("m");

        assertThat(tree.retained(TopicName.of("a/b"))).isEmpty();
        assertThat(tree.retainedMatching(TopicFilter.of("#"))).isEmpty();
        assertThat(tree.retainedCount()).isZero();
        assertThat(tree.nodeCount()).isEqualTo(1);
        assertThat(tree.removeRetained(TopicName.of("a/b"))).isEmpty();
        assertThat(tree.removeRetained(TopicName.of("x/y/z"))).isEmpty();
    }

    @Test
    void retainedMessagesAndSubscriptionsShareNodes() {
        tree.subscribe("c1", TopicFilter.of("a/b"), SubscriptionOptions.atQos(0));
        tree.putRetained(TopicName.of("a/b"), "m");
        assertThat(tree.nodeCount()).isEqualTo(3);

        tree.removeRetained(TopicName.of("a/b"));
        assertThat(tree.match(TopicName.of("a/b"))).hasSize(1);

        tree.putRetained(TopicName.of("a/b"), "m");
        tree.unsubscribe("c1", TopicFilter.of("a/b"));
        assertThat(tree.retained(TopicName.of("a/b"))).hasValue("m");
        assertThat(tree.nodeCount()).isEqualTo(3);
    }

    @Test
    void exactFilterFindsOneTopic() {
        retain("sport/tennis/player1", "sport/tennis/player2", "sport/tennis");

        assertThat(topicsMatching("sport/tennis/player1")).containsExactly("sport/tennis/player1");
        assertThat(topicsMatching("sport/tennis/nobody")).isEmpty();
        assertThat(topicsMatching("sport/tennis/player1/ranking")).isEmpty();
    }

    @Test
    void singleLevelWildcardFindsOneLevel() {
        retain("sport/tennis/player1", "sport/tennis/player2", "sport/tennis", "sport/tennis/player1/ranking",
                "sport/tennis/");

        assertThat(topicsMatching("sport/tennis/+"))
                .containsExactlyInAnyOrder("sport/tennis/player1", "sport/tennis/player2", "sport/tennis/");
        assertThat(topicsMatching("sport/+/player1")).containsExactly("sport/tennis/player1");
        assertThat(topicsMatching("+/+")).containsExactly("sport/tennis");
    }

    @Test
    void multiLevelWildcardFindsTheParentAndEverythingBelow_MQTT_4_7_1_2() {
        retain("sport", "sport/tennis", "sport/tennis/player1/ranking", "sports", "other/sport");

        assertThat(topicsMatching("sport/#"))
                .containsExactlyInAnyOrder("sport", "sport/tennis", "sport/tennis/player1/ranking");
        assertThat(topicsMatching("#"))
                .containsExactlyInAnyOrder("sport", "sport/tennis", "sport/tennis/player1/ranking", "sports",
                        "other/sport");
        assertThat(topicsMatching("+/tennis/#"))
                .containsExactlyInAnyOrder("sport/tennis", "sport/tennis/player1/ranking");
    }

    @Test
    void emptyLevelsAreLevelsToo() {
        retain("/", "/finance", "a//b");

        assertThat(topicsMatching("+/+")).containsExactlyInAnyOrder("/", "/finance");
        assertThat(topicsMatching("/+")).containsExactlyInAnyOrder("/", "/finance");
        assertThat(topicsMatching("+")).isEmpty();
        assertThat(topicsMatching("a/+/b")).containsExactly("a//b");
        assertThat(topicsMatching("/#")).containsExactlyInAnyOrder("/", "/finance");
    }

    @Test
    void wildcardsAtTheFirstLevelSkipDollarTopics_MQTT_4_7_2_1() {
        retain("$SYS/broker/uptime", "$SYS", "$other/x", "a/$b", "a");

        assertThat(topicsMatching("#")).containsExactlyInAnyOrder("a/$b", "a");
        assertThat(topicsMatching("+")).containsExactly("a");
        assertThat(topicsMatching("+/broker/uptime")).isEmpty();
        assertThat(topicsMatching("$SYS/#")).containsExactlyInAnyOrder("$SYS/broker/uptime", "$SYS");
        assertThat(topicsMatching("$SYS/+/uptime")).containsExactly("$SYS/broker/uptime");
        assertThat(topicsMatching("a/+")).containsExactly("a/$b");
        assertThat(topicsMatching("a/#")).containsExactlyInAnyOrder("a", "a/$b");
    }

    @Test
    void subscriptionNodesAreNotMistakenForTopics() {
        tree.subscribe("c1", TopicFilter.of("a/+/c"), SubscriptionOptions.atQos(0));
        tree.subscribe("c1", TopicFilter.of("a/#"), SubscriptionOptions.atQos(0));
        retain("a/b/c");

        assertThat(topicsMatching("a/#")).containsExactlyInAnyOrder("a/b/c");
        assertThat(topicsMatching("a/+/+")).containsExactly("a/b/c");
        assertThat(topicsMatching("a/+")).isEmpty();
    }

    @Test
    void sharedFiltersAreWalkedByTheirInnerFilter() {
        retain("a/b", "a/c");

        assertThat(topicsMatching("$share/g/a/+")).containsExactlyInAnyOrder("a/b", "a/c");
    }

    @Test
    void resultsCarryTopicAndMessage() {
        tree.putRetained(TopicName.of("a/b"), "payload");

        assertThat(tree.retainedMatching(TopicFilter.of("a/+")))
                .containsExactly(new Retained<>(TopicName.of("a/b"), "payload"));
    }

    private void retain(String... topics) {
        for (String topic : topics) {
            tree.putRetained(TopicName.of(topic), "message on " + topic);
        }
    }

    private List<String> topicsMatching(String filter) {
        List<Retained<String>> found = tree.retainedMatching(TopicFilter.of(filter));
        found.forEach(r -> assertThat(r.message()).isEqualTo("message on " + r.topic().value()));
        return found.stream().map(r -> r.topic().value()).toList();
    }
}
