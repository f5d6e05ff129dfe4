package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * {@link TopicTree#match} and {@link TopicTree#retainedMatching} agree with {@link ReferenceTopicMatcher},
 * a brute-force check of every subscription and retained topic, over small random alphabets where
 * overlaps, empty levels and '$' names are frequent.
 */
class TopicTreeMatchPropertyTest {

    @Property(tries = 1000)
    void matchEqualsBruteForce(
            @ForAll("subscriptionLists") List<String[]> subscriptions,
            @ForAll("topics") @Size(min = 1, max = 8) List<String> topics) {
        TopicTree<String> tree = new TopicTree<>();
        Map<String, String> model = new HashMap<>(); // "client filter" -> filter
        for (String[] subscription : subscriptions) {
            tree.subscribe(subscription[0], TopicFilter.of(subscription[1]), SubscriptionOptions.atQos(0));
            model.put(subscription[0] + " " + subscription[1], subscription[1]);
        }

        for (String topic : topics) {
            List<Subscription> matched = tree.match(TopicName.of(topic));

            List<String> expectedDirect = new ArrayList<>();
            Map<String, Set<String>> expectedGroups = new HashMap<>(); // group -> members
            model.forEach((key, filter) -> {
                if (!ReferenceTopicMatcher.matches(filter, topic)) {
                    return;
                }
                String group = ReferenceTopicMatcher.group(filter);
                if (group == null) {
                    expectedDirect.add(key);
                } else {
                    expectedGroups.computeIfAbsent(group, g -> new HashSet<>()).add(key.split(" ")[0]);
                }
            });
            List<String> direct = new ArrayList<>();
            Map<String, String> chosen = new HashMap<>();
            for (Subscription s : matched) {
                String group = ReferenceTopicMatcher.group(s.filter().value());
                if (group == null) {
                    direct.add(s.clientId() + " " + s.filter().value());
                } else {
                    assertThat(chosen.put(group, s.clientId())).as("one member per group").isNull();
                }
            }
            assertThat(direct).as("non-shared for %s", topic).containsExactlyInAnyOrderElementsOf(expectedDirect);
            assertThat(chosen.keySet()).as("groups for %s", topic).isEqualTo(expectedGroups.keySet());
            chosen.forEach((group, member) -> assertThat(expectedGroups.get(group)).contains(member));
        }
    }

    @Property(tries = 1000)
    void retainedMatchingEqualsBruteForce(
            @ForAll("topics") @Size(max = 12) List<String> retainedTopics,
            @ForAll("filters") String filter) {
        TopicTree<String> tree = new TopicTree<>();
        retainedTopics.forEach(topic -> tree.putRetained(TopicName.of(topic), topic));

        List<String> found = tree.retainedMatching(TopicFilter.of(filter)).stream()
                .map(r -> r.topic().value())
                .toList();

        Set<String> expected = new TreeSet<>();
        for (String topic : retainedTopics) {
            if (ReferenceTopicMatcher.matches(filter, topic)) {
                expected.add(topic);
            }
        }
        assertThat(found).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(tree.retainedCount()).isEqualTo(new HashSet<>(retainedTopics).size());
    }

    @Property(tries = 1000)
    void filterMatchesEqualsBruteForce(@ForAll("filters") String filter, @ForAll("topic") String topic) {
        assertThat(TopicFilter.of(filter).matches(TopicName.of(topic)))
                .isEqualTo(ReferenceTopicMatcher.matches(filter, topic));
    }

    @Provide
    Arbitrary<List<String[]>> subscriptionLists() {
        Arbitrary<String> clients = Arbitraries.of("c0", "c1", "c2", "c3");
        return Combinators.combine(clients, filters()).as((client, filter) -> new String[] {client, filter})
                .list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<String>> topics() {
        return topic().list();
    }

    @Provide
    Arbitrary<String> topic() {
        return Arbitraries.of("a", "b", "", "$SYS", "$x").list().ofMinSize(1).ofMaxSize(4)
                .map(levels -> String.join("/", levels))
                .filter(topic -> !topic.isEmpty());
    }

    @Provide
    Arbitrary<String> filters() {
        Arbitrary<String> plain = Combinators.combine(
                        Arbitraries.of("a", "b", "", "+", "$SYS").list().ofMaxSize(4),
                        Arbitraries.of(true, false))
                .as((levels, hash) -> {
                    List<String> all = new ArrayList<>(levels);
                    if (hash || all.isEmpty()) {
                        all.add("#");
                    }
                    return String.join("/", all);
                })
                .filter(filter -> !filter.isEmpty());
        Arbitrary<String> prefix = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("$share/g/", "$share/h/")));
        return Combinators.combine(prefix, plain).as(String::concat);
    }
}
