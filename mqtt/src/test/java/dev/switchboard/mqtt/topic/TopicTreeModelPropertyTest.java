package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of subscribe, unsubscribe, removeClient, putRetained and removeRetained give the
 * same answers as a plain map model, match like the brute-force reference afterwards, keep the counts
 * right, and once everything is removed the tree is pruned back to its root.
 */
class TopicTreeModelPropertyTest {

    sealed interface Op permits Subscribe, Unsubscribe, RemoveClient, PutRetained, RemoveRetained {
    }

    record Subscribe(String client, String filter, int qos) implements Op {
    }

    record Unsubscribe(String client, String filter) implements Op {
    }

    record RemoveClient(String client) implements Op {
    }

    record PutRetained(String topic, String message) implements Op {
    }

    record RemoveRetained(String topic) implements Op {
    }

    @Property(tries = 500)
    void treeBehavesLikeTheModel(@ForAll("operations") List<Op> operations) {
        TopicTree<String> tree = new TopicTree<>();
        Map<String, Map<String, Integer>> subscriptions = new HashMap<>(); // client -> filter -> qos
        Map<String, String> retained = new HashMap<>();

        for (Op op : operations) {
            if (op instanceof Subscribe s) {
                boolean replaced = tree.subscribe(s.client(), TopicFilter.of(s.filter()), SubscriptionOptions.atQos(s.qos()));
                Integer before = subscriptions.computeIfAbsent(s.client(), c -> new HashMap<>()).put(s.filter(), s.qos());
                assertThat(replaced).as("%s", op).isEqualTo(before != null);
            } else if (op instanceof Unsubscribe u) {
                boolean removed = tree.unsubscribe(u.client(), TopicFilter.of(u.filter()));
                Map<String, Integer> filters = subscriptions.get(u.client());
                boolean expected = filters != null && filters.remove(u.filter()) != null;
                assertThat(removed).as("%s", op).isEqualTo(expected);
            } else if (op instanceof RemoveClient r) {
                Map<String, Integer> filters = subscriptions.remove(r.client());
                assertThat(tree.removeClient(r.client())).as("%s", op).isEqualTo(filters == null ? 0 : filters.size());
            } else if (op instanceof PutRetained p) {
                assertThat(tree.putRetained(TopicName.of(p.topic()), p.message()))
                        .as("%s", op).isEqualTo(Optional.ofNullable(retained.put(p.topic(), p.message())));
            } else if (op instanceof RemoveRetained r) {
                assertThat(tree.removeRetained(TopicName.of(r.topic())))
                        .as("%s", op).isEqualTo(Optional.ofNullable(retained.remove(r.topic())));
            }
        }

        long expectedCount = subscriptions.values().stream().mapToLong(Map::size).sum();
        assertThat(tree.subscriptionCount()).isEqualTo(expectedCount);
        assertThat(tree.retainedCount()).isEqualTo(retained.size());
        for (String topic : List.of("a", "a/b", "b/a", "/", "a//b", "$SYS/a", "a/b/a/b")) {
            assertMatches(tree, subscriptions, topic);
            assertThat(tree.retained(TopicName.of(topic))).isEqualTo(Optional.ofNullable(retained.get(topic)));
        }

        for (String client : subscriptions.keySet()) {
            tree.removeClient(client);
        }
        for (String topic : retained.keySet()) {
            tree.removeRetained(TopicName.of(topic));
        }
        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.retainedCount()).isZero();
        assertThat(tree.nodeCount()).as("pruned back to the root").isEqualTo(1);
    }

    private static void assertMatches(TopicTree<String> tree, Map<String, Map<String, Integer>> model, String topic) {
        Set<String> expected = new TreeSet<>();
        Set<String> expectedGroups = new TreeSet<>();
        model.forEach((client, filters) -> filters.forEach((filter, qos) -> {
            if (ReferenceTopicMatcher.matches(filter, topic)) {
                String group = ReferenceTopicMatcher.group(filter);
                if (group == null) {
                    expected.add(client + " " + filter + " " + qos);
                } else {
                    expectedGroups.add(group);
                }
            }
        }));
        Set<String> direct = new TreeSet<>();
        List<String> groups = new ArrayList<>();
        for (Subscription s : tree.match(TopicName.of(topic))) {
            String group = ReferenceTopicMatcher.group(s.filter().value());
            if (group == null) {
                direct.add(s.clientId() + " " + s.filter().value() + " " + s.options().qos());
            } else {
                groups.add(group);
                assertThat(model.get(s.clientId())).containsEntry(s.filter().value(), s.options().qos());
            }
        }
        assertThat(direct).as("non-shared for %s", topic).isEqualTo(expected);
        assertThat(groups).as("groups for %s", topic).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedGroups);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> clients = Arbitraries.of("c0", "c1", "c2");
        Arbitrary<String> filters = Arbitraries.of("a", "a/b", "a/+", "+/a", "#", "a/#", "/", "+/+", "a//b", "$SYS/#",
                "+/b/#", "$share/g/a/#", "$share/g/+/b", "$share/h/a/#");
        Arbitrary<String> topics = Arbitraries.of("a", "a/b", "b/a", "/", "a//b", "$SYS/a", "a/b/a/b");
        Arbitrary<Op> subscribe = Combinators.combine(clients, filters, Arbitraries.integers().between(0, 2))
                .as(Subscribe::new);
        Arbitrary<Op> unsubscribe = Combinators.combine(clients, filters).as(Unsubscribe::new);
        Arbitrary<Op> removeClient = clients.map(RemoveClient::new);
        Arbitrary<Op> put = Combinators.combine(topics, Arbitraries.of("m1", "m2")).as(PutRetained::new);
        Arbitrary<Op> remove = topics.map(RemoveRetained::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(5, subscribe),
                        Tuple.of(3, unsubscribe),
                        Tuple.of(1, removeClient),
                        Tuple.of(2, put),
                        Tuple.of(2, remove))
                .list().ofMaxSize(40);
    }
}
