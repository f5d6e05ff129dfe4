package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several threads subscribe, unsubscribe, remove clients and change retained messages while others
 * match. Each writer owns its client ids and its retained topics (as the broker's single writer per
 * client does), but they all share filters and the upper levels of the tree, so pruning and creating
 * nodes race all the time. No thread may fail, every match must be correct for the moment it ran, and
 * the final state must be exactly what the writers' own records say.
 */
class TopicTreeConcurrencyTest {

    private static final List<String> FILTERS = List.of("a/b/c", "a/b/+", "a/#", "+/b/c", "#", "a/b", "a/+/c/d",
            "$share/g/a/b/c", "$share/g/a/#", "$share/h/+/b/+", "x/y/z", "x/+/z", "$SYS/#", "/", "+/+");
    private static final List<String> TOPICS = List.of("a/b/c", "a/b", "a/x/c/d", "x/y/z", "x/q/z", "$SYS/load",
            "/", "a", "b/b/c");

    private final ExecutorService pool = Executors.newFixedThreadPool(6);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void concurrentWritersAndReadersEndInAConsistentState() throws Exception {
        TopicTree<String> tree = new TopicTree<>();
        int writers = 4;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong readerChecks = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Writer>> writerResults = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Writer writer = new Writer(tree, w, start);
            writerResults.add(pool.submit(writer));
        }
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int seed = r;
            readers.add(pool.submit(() -> read(tree, seed, start, writing, readerChecks)));
        }

        start.countDown();
        Map<String, Map<String, Integer>> subscriptions = new HashMap<>();
        Map<String, String> retained = new HashMap<>();
        for (Future<Writer> result : writerResults) {
            Writer writer = result.get(60, TimeUnit.SECONDS);
            subscriptions.putAll(writer.subscriptions);
            retained.putAll(writer.retained);
        }
        writing.set(false);
        for (Future<?> reader : readers) {
            reader.get(60, TimeUnit.SECONDS);
        }

        assertThat(readerChecks.get()).as("readers ran alongside the writers").isPositive();
        long expected = subscriptions.values().stream().mapToLong(Map::size).sum();
        assertThat(tree.subscriptionCount()).isEqualTo(expected);
        assertThat(tree.retainedCount()).isEqualTo(retained.size());
        for (String topic : TOPICS) {
            assertThat(nonShared(tree.match(TopicName.of(topic)))).as(topic).isEqualTo(expectedNonShared(subscriptions, topic));
        }
        retained.forEach((topic, message) -> assertThat(tree.retained(TopicName.of(topic))).hasValue(message));

        subscriptions.keySet().forEach(tree::removeClient);
        retained.keySet().forEach(topic -> tree.removeRetained(TopicName.of(topic)));
        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.retainedCount()).isZero();
        assertThat(tree.nodeCount()).isEqualTo(1);
    }

    @Test
    void aSubscriptionIsNeverLostToAConcurrentPrune() throws Exception {
        TopicTree<String> tree = new TopicTree<>();
        int threads = 4;
        int rounds = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String client = "client-" + t;
            // siblings under one parent: each unsubscribe prunes x, each subscribe recreates it, so a writer
            // that found x a moment ago may be about to add its child to a node that was just detached
            TopicFilter filter = TopicFilter.of("x/" + t);
            TopicName topic = TopicName.of("x/" + t);
            TopicName retainedTopic = TopicName.of("y/" + t);
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    tree.subscribe(client, filter, SubscriptionOptions.atQos(0));
                    tree.putRetained(retainedTopic, client);
                    List<Subscription> matched = tree.match(topic);
                    if (matched.size() != 1 || tree.retained(retainedTopic).isEmpty()) {
                        throw new AssertionError("lost in round " + i + ": " + matched);
                    }
                    tree.unsubscribe(client, filter);
                    tree.removeRetained(retainedTopic);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }

        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.retainedCount()).isZero();
        assertThat(tree.nodeCount()).isEqualTo(1);
    }

    /** Random subscribe/unsubscribe/removeClient/retain operations on its own clients and topics. */
    private static final class Writer implements Callable<Writer> {
        private final TopicTree<String> tree;
        private final int id;
        private final CountDownLatch start;
        final Map<String, Map<String, Integer>> subscriptions = new HashMap<>();
        final Map<String, String> retained = new HashMap<>();

        Writer(TopicTree<String> tree, int id, CountDownLatch start) {
            this.tree = tree;
            this.id = id;
            this.start = start;
        }

        @Override
        public Writer call() throws Exception {
            Random random = new Random(id);
            start.await();
            for (int i = 0; i < 20_000; i++) {
                String client = "w" + id + "-c" + random.nextInt(8);
                String filter = FILTERS.get(random.nextInt(FILTERS.size()));
                String topic = TOPICS.get(random.nextInt(TOPICS.size())) + "/w" + id;
                int dice = random.nextInt(20);
                if (dice < 8) {
                    int qos = random.nextInt(3);
                    boolean replaced = tree.subscribe(client, TopicFilter.of(filter), SubscriptionOptions.atQos(qos));
                    Integer before = subscriptions.computeIfAbsent(client, c -> new HashMap<>()).put(filter, qos);
                    assertThat(replaced).isEqualTo(before != null);
                } else if (dice < 14) {
                    Map<String, Integer> filters = subscriptions.get(client);
                    boolean expected = filters != null && filters.remove(filter) != null;
                    assertThat(tree.unsubscribe(client, TopicFilter.of(filter))).isEqualTo(expected);
                } else if (dice < 15) {
                    Map<String, Integer> filters = subscriptions.remove(client);
                    assertThat(tree.removeClient(client)).isEqualTo(filters == null ? 0 : filters.size());
                } else if (dice < 18) {
                    String message = "m" + i;
                    assertThat(tree.putRetained(TopicName.of(topic), message).orElse(null)).isEqualTo(retained.put(topic, message));
                } else {
                    assertThat(tree.removeRetained(TopicName.of(topic)).orElse(null)).isEqualTo(retained.remove(topic));
                }
            }
            subscriptions.values().removeIf(Map::isEmpty);
            return this;
        }
    }

    /** Matches and looks up retained messages until the writers stop; everything found must match. */
    private static Void read(TopicTree<String> tree, int seed, CountDownLatch start, AtomicBoolean writing,
            AtomicLong checks) throws InterruptedException {
        Random random = new Random(100 + seed);
        start.await();
        do {
            String topic = TOPICS.get(random.nextInt(TOPICS.size()));
            for (Subscription s : tree.match(TopicName.of(topic))) {
                assertThat(ReferenceTopicMatcher.matches(s.filter().value(), topic)).as("%s on %s", s, topic).isTrue();
            }
            String filter = FILTERS.get(random.nextInt(FILTERS.size()));
            for (Retained<String> r : tree.retainedMatching(TopicFilter.of(filter))) {
                assertThat(ReferenceTopicMatcher.matches(filter, r.topic().value())).as("%s on %s", filter, r).isTrue();
            }
            checks.incrementAndGet();
        } while (writing.get());
        return null;
    }

    private static Set<String> nonShared(List<Subscription> matched) {
        Set<String> out = new TreeSet<>();
        for (Subscription s : matched) {
            if (!s.filter().isShared()) {
                out.add(s.clientId() + " " + s.filter().value() + " " + s.options().qos());
            }
        }
        return out;
    }

    private static Set<String> expectedNonShared(Map<String, Map<String, Integer>> model, String topic) {
        Set<String> out = new TreeSet<>();
        model.forEach((client, filters) -> filters.forEach((filter, qos) -> {
            if (!filter.startsWith("$share/") && ReferenceTopicMatcher.matches(filter, topic)) {
                out.add(client + " " + filter + " " + qos);
            }
        }));
        return out;
    }
}
