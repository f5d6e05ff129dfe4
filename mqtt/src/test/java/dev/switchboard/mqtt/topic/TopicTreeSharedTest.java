package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Shared subscriptions (MQTT 5.0 section 4.8.2): one member per group per message, in round robin. */
class TopicTreeSharedTest {

    private final TopicTree<String> tree = new TopicTree<>();

    @Test
    void eachMessageGoesToOneMemberInTurn() {
        join("c1", "$share/g/a/+");
        join("c2", "$share/g/a/+");
        join("c3", "$share/g/a/+");

        List<String> receivers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            receivers.add(tree.match(TopicName.of("a/x")).get(0).clientId());
        }

        assertThat(receivers).containsExactly("c1", "c2", "c3", "c1", "c2", "c3", "c1", "c2", "c3");
    }

    @Test
    void eachGroupGetsItsOwnCopyBesideNonSharedSubscriptions() {
        join("g1", "$share/one/a/#");
        join("g2", "$share/one/a/#");
        join("h1", "$share/two/a/#");
        join("c1", "a/#");
        join("g1", "a/#");

        for (int i = 0; i < 4; i++) {
            List<Subscription> matched = tree.match(TopicName.of("a/b"));
            assertThat(matched).extracting(s -> s.filter().value())
                    .containsExactlyInAnyOrder("$share/one/a/#", "$share/two/a/#", "a/#", "a/#");
        }
    }

    @Test
    void theSameShareNameOnDifferentFiltersIsADifferentGroup() {
        join("c1", "$share/g/a/+");
        join("c2", "$share/g/+/b");

        assertThat(tree.match(TopicName.of("a/b"))).extracting(Subscription::clientId)
                .containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void sharedFiltersFollowTheDollarRule_MQTT_4_7_2_1() {
        join("c1", "$share/g/#");
        join("c2", "$share/g/$SYS/#");

        assertThat(tree.match(TopicName.of("$SYS/uptime"))).extracting(Subscription::clientId).containsExactly("c2");
    }

    @Test
    void aReplacedMemberKeepsItsTurn() {
        join("c1", "$share/g/a");
        join("c2", "$share/g/a");
        join("c3", "$share/g/a");
        assertThat(nextReceiver()).isEqualTo("c1");

        tree.subscribe("c2", TopicFilter.of("$share/g/a"), SubscriptionOptions.atQos(2));

        Subscription next = tree.match(TopicName.of("a")).get(0);
        assertThat(next.clientId()).isEqualTo("c2");
        assertThat(next.options().qos()).isEqualTo(2);
        assertThat(nextReceiver()).isEqualTo("c3");
    }

    @Test
    void whenAMemberLeavesTheOthersShareAllMessages() {
        join("c1", "$share/g/a");
        join("c2", "$share/g/a");
        join("c3", "$share/g/a");

        tree.unsubscribe("c2", TopicFilter.of("$share/g/a"));

        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (int i = 0; i < 10; i++) {
            counts.merge(nextReceiver(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("c1", "c3").containsEntry("c1", 5).containsEntry("c3", 5);
    }

    @Test
    void aGroupWhoseLastMemberLeftIsGone() {
        join("c1", "$share/g/a");
        tree.removeClient("c1");

        assertThat(tree.match(TopicName.of("a"))).isEmpty();
        assertThat(tree.nodeCount()).isEqualTo(1);
    }

    @Test
    void roundRobinIsExactUnderConcurrentPublishers() throws Exception {
        int members = 3;
        int threads = 4;
        int matchesPerThread = 3_000;
        for (int i = 0; i < members; i++) {
            join("c" + i, "$share/g/t");
        }
        Map<String, LongAdder> received = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < matchesPerThread; i++) {
                        for (Subscription s : tree.match(TopicName.of("t"))) {
                            received.computeIfAbsent(s.clientId(), id -> new LongAdder()).increment();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long each = (long) threads * matchesPerThread / members;
        assertThat(received).hasSize(members);
        received.forEach((client, count) -> assertThat(count.sum()).as(client).isEqualTo(each));
    }

    private void join(String clientId, String filter) {
        tree.subscribe(clientId, TopicFilter.of(filter), SubscriptionOptions.atQos(0));
    }

    private String nextReceiver() {
        List<Subscription> matched = tree.match(TopicName.of("a"));
        assertThat(matched).hasSize(1);
        return matched.get(0).clientId();
    }
}
