package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which subscriptions {@link TopicTree#match} returns, per section 4.7 of both versions. */
class TopicTreeMatchTest {

    private final TopicTree<String> tree = new TopicTree<>();

    @Test
    void exactFilterMatchesOnlyItsName() {
        subscribe("c1", "sport/tennis/player1");

        assertThat(matchedClients("sport/tennis/player1")).containsExactly("c1");
        assertThat(matchedClients("sport/tennis/player2")).isEmpty();
        assertThat(matchedClients("sport/tennis")).isEmpty();
        assertThat(matchedClients("sport/tennis/player1/ranking")).isEmpty();
    }

    @Test
    void matchingIsCaseSensitiveWithoutNormalisation_MQTT_4_7_3_4() {
        subscribe("c1", "ACCOUNTS");
        subscribe("c2", "\u00E9");

        assertThat(matchedClients("Accounts")).isEmpty();
        assertThat(matchedClients("ACCOUNTS")).containsExactly("c1");
        assertThat(matchedClients("e\u0301")).isEmpty();
    }

    @Test
    void multiLevelWildcardMatchesParentAndAllChildren_MQTT_4_7_1_2_and_5_0_MQTT_4_7_1_1() {
        subscribe("c1", "sport/tennis/player1/#");

        assertThat(matchedClients("sport/tennis/player1")).containsExactly("c1");
        assertThat(matchedClients("sport/tennis/player1/ranking")).containsExactly("c1");
        assertThat(matchedClients("sport/tennis/player1/score/wimbledon")).containsExactly("c1");
        assertThat(matchedClients("sport/tennis/player2")).isEmpty();
        assertThat(matchedClients("sport/tennis")).isEmpty();
    }

    @Test
    void sportHashMatchesSport_MQTT_4_7_1_2() {
        subscribe("c1", "sport/#");

        assertThat(matchedClients("sport")).containsExactly("c1");
        assertThat(matchedClients("sport/")).containsExactly("c1");
        assertThat(matchedClients("sports")).isEmpty();
    }

    @Test
    void hashAloneMatchesEveryNonDollarName() {
        subscribe("c1", "#");

        assertThat(matchedClients("a")).containsExactly("c1");
        assertThat(matchedClients("/")).containsExactly("c1");
        assertThat(matchedClients("a/b/c/d")).containsExactly("c1");
    }

    @Test
    void singleLevelWildcardMatchesExactlyOneLevel_MQTT_4_7_1_3_and_5_0_MQTT_4_7_1_2() {
        subscribe("c1", "sport/tennis/+");

        assertThat(matchedClients("sport/tennis/player1")).containsExactly("c1");
        assertThat(matchedClients("sport/tennis/player2")).containsExactly("c1");
        assertThat(matchedClients("sport/tennis/player1/ranking")).isEmpty();
        assertThat(matchedClients("sport/tennis")).isEmpty();
    }

    @Test
    void singleLevelWildcardMatchesAnEmptyLevel() {
        subscribe("plus", "sport/+");
        subscribe("plusPlus", "+/+");
        subscribe("slashPlus", "/+");
        subscribe("plusAlone", "+");

        assertThat(matchedClients("sport")).containsExactly("plusAlone");
        assertThat(matchedClients("sport/")).containsExactlyInAnyOrder("plus", "plusPlus");
        assertThat(matchedClients("/finance")).containsExactlyInAnyOrder("plusPlus", "slashPlus");
        assertThat(matchedClients("/")).containsExactlyInAnyOrder("plusPlus", "slashPlus");
    }

    @Test
    void wildcardsCombine() {
        subscribe("c1", "+/tennis/#");
        subscribe("c2", "sport/+/player1");
        subscribe("c3", "+/+/+");

        assertThat(matchedClients("sport/tennis/player1")).containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(matchedClients("sport/tennis")).containsExactly("c1");
        assertThat(matchedClients("sport/golf/player1")).containsExactlyInAnyOrder("c2", "c3");
        assertThat(matchedClients("sport/tennis/player1/x")).containsExactly("c1");
    }

    @Test
    void wildcardAtFirstLevelDoesNotMatchDollarNames_MQTT_4_7_2_1() {
        subscribe("hash", "#");
        subscribe("plus", "+/monitor/Clients");
        subscribe("plusHash", "+/#");
        subscribe("sharedHash", "$share/g/#");
        subscribe("sys", "$SYS/#");
        subscribe("sysPlus", "$SYS/monitor/+");

        assertThat(matchedClients("$SYS/monitor/Clients")).containsExactlyInAnyOrder("sys", "sysPlus");
        assertThat(matchedClients("$SYS")).containsExactly("sys");
        assertThat(matchedClients("$other")).isEmpty();
    }

    @Test
    void dollarRuleOnlyConcernsTheFirstLevel() {
        subscribe("hash", "a/#");
        subscribe("plus", "a/+");

        assertThat(matchedClients("a/$b")).containsExactlyInAnyOrder("hash", "plus");
    }

    @Test
    void everyClientAndEveryOverlappingFilterIsReturned() {
        subscribe("c1", "a/b");
        subscribe("c1", "a/+");
        subscribe("c1", "#");
        subscribe("c2", "a/b");

        List<Subscription> matched = tree.match(TopicName.of("a/b"));

        assertThat(matched).extracting(s -> s.clientId() + " " + s.filter())
                .containsExactlyInAnyOrder("c1 a/b", "c1 a/+", "c1 #", "c2 a/b");
    }

    @Test
    void matchReturnsTheSubscriptionsWithTheirOptions() {
        SubscriptionOptions options = SubscriptionOptions.atQos(2).withSubscriptionIdentifier(9);
        tree.subscribe("c1", TopicFilter.of("a/+"), options);

        assertThat(tree.match(TopicName.of("a/b")))
                .containsExactly(new Subscription("c1", TopicFilter.of("a/+"), options));
    }

    @Test
    void nothingMatchesAnEmptyTree() {
        assertThat(tree.match(TopicName.of("a"))).isEmpty();
    }

    @Test
    void deepTopicsDoNotOverflowTheStack() {
        String deepest = "/".repeat(65_534); // 65,535 empty levels, 65,534 bytes
        subscribe("exact", deepest);
        subscribe("hash", "#");
        subscribe("plusHash", "+/+/+/#");
        tree.putRetained(TopicName.of(deepest), "deep");

        assertThat(matchedClients(deepest)).containsExactlyInAnyOrder("exact", "hash", "plusHash");
        assertThat(tree.retainedMatching(TopicFilter.of("#"))).extracting(Retained::message).containsExactly("deep");
        assertThat(tree.unsubscribe("exact", TopicFilter.of(deepest))).isTrue();
        assertThat(tree.removeRetained(TopicName.of(deepest))).hasValue("deep");
        assertThat(tree.nodeCount()).isEqualTo(1 + 1 + 4); // root, '#', and + / + / + / #
    }

    private void subscribe(String clientId, String filter) {
        tree.subscribe(clientId, TopicFilter.of(filter), SubscriptionOptions.atQos(0));
    }

    private List<String> matchedClients(String topic) {
        return tree.match(TopicName.of(topic)).stream().map(Subscription::clientId).toList();
    }
}
