package dev.switchboard.bench;

import dev.switchboard.mqtt.topic.Subscription;
import dev.switchboard.mqtt.topic.SubscriptionOptions;
import dev.switchboard.mqtt.topic.TopicFilter;
import dev.switchboard.mqtt.topic.TopicName;
import dev.switchboard.mqtt.topic.TopicTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Shows that {@link TopicTree} operations cost what the topic's depth and the matching subscriptions
 * cost, not what the whole tree holds: the same operations on trees of 1,000, 100,000 and 1,000,000
 * subscriptions.
 *
 * <p>Shape: sites of 100 subscriptions each, one client per subscription: 90 on
 * {@code site/{s}/device/{d}/temp}, 9 on {@code site/{s}/device/+/temp}, 1 on {@code site/{s}/#}; plus
 * 10 fleet-wide ones, 5 on {@code site/+/device/+/alarm} and 5 on {@code site/+/device/+/temp}, that
 * every match has to visit. A publication to a random {@code site/{s}/device/{d}/temp} (d below 90)
 * therefore matches the same 16 subscriptions whatever the tree's size: 1 exact, 9 on the site's '+'
 * filter, 1 on its '#' filter and the 5 fleet-wide '+' ones.
 *
 * <p>{@code match} spreads its topics over all sites, so a bigger tree also means more cache and TLB
 * misses; {@code matchSameTopic} publishes to one topic over and over, so its path stays in cache and
 * what is left is the algorithm's own cost.
 *
 * <p>{@code subscribe} adds a new device's subscription (two new nodes) and {@code unsubscribe} removes
 * one (pruning two nodes); an invocation-level fixture undoes each, so the tree keeps its size. That
 * fixture adds a timestamp per call (some tens of nanoseconds) to both figures.
 *
 * <p>The fork's heap is fixed and touched up front ({@code -Xms4g -Xmx4g -XX:+AlwaysPreTouch}): with a
 * growing heap, the 1,000,000 case measured the kernel handing out fresh pages to the young
 * generation (three times slower for the same topic), not the tree.
 *
 * <pre>
 * mvn -o -q -DskipTests package -pl bench -am
 * java -jar bench/target/benchmarks.jar TopicTreeBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class TopicTreeBenchmark {

    static final int PER_SITE = 100;
    static final int EXACT_PER_SITE = 90;
    static final int PLUS_PER_SITE = 9;
    static final SubscriptionOptions OPTIONS = SubscriptionOptions.atQos(1);

    /** A tree of {@link #subscriptions} subscriptions and the topics that are published to it. */
    @State(Scope.Benchmark)
    public static class Populated {

        @Param({"1000", "100000", "1000000"})
        public int subscriptions;

        TopicTree<byte[]> tree;
        int sites;
        TopicName[] topics;
        int nextTopic;

        @Setup(Level.Trial)
        public void populate() {
            tree = new TopicTree<>();
            sites = Math.max(1, subscriptions / PER_SITE);
            for (int i = 0; i < subscriptions; i++) {
                tree.subscribe("client-" + i, TopicFilter.of(filterOf(i)), OPTIONS);
            }
            for (int i = 0; i < 10; i++) {
                String fleetWide = i % 2 == 0 ? "site/+/device/+/alarm" : "site/+/device/+/temp";
                tree.subscribe("fleet-" + i, TopicFilter.of(fleetWide), OPTIONS);
            }
            SplittableRandom random = new SplittableRandom(42);
            topics = new TopicName[4096];
            for (int i = 0; i < topics.length; i++) {
                int site = random.nextInt(sites);
                int device = random.nextInt(Math.min(EXACT_PER_SITE, subscriptions));
                topics[i] = TopicName.of("site/" + site + "/device/" + device + "/temp");
            }
            afterPopulate();
            reportHeap();
        }

        /** For subclasses that need the populated tree; runs before the heap is measured. */
        void afterPopulate() {
        }

        static String filterOf(int i) {
            int site = i / PER_SITE;
            int k = i % PER_SITE;
            if (k < EXACT_PER_SITE) {
                return "site/" + site + "/device/" + k + "/temp";
            }
            return k < EXACT_PER_SITE + PLUS_PER_SITE ? "site/" + site + "/device/+/temp" : "site/" + site + "/#";
        }

        private void reportHeap() {
            Runtime runtime = Runtime.getRuntime();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long used = runtime.totalMemory() - runtime.freeMemory();
            System.out.printf("%n[topic tree] %,d subscriptions, %,d counted, heap after GC %,d MB, %d matches per topic%n",
                    subscriptions, tree.subscriptionCount(), used >> 20, tree.match(topics[0]).size());
        }

        TopicName nextTopic() {
            return topics[nextTopic++ & (topics.length - 1)];
        }
    }

    /** New devices' subscriptions, on existing sites: each adds a device node and its "temp" node. */
    abstract static class NewDevices extends Populated {
        static final int POOL = 1024;
        String[] clients;
        TopicFilter[] filters;
        int current;

        @Override
        void afterPopulate() {
            clients = new String[POOL];
            filters = new TopicFilter[POOL];
            SplittableRandom random = new SplittableRandom(7);
            for (int j = 0; j < POOL; j++) {
                clients[j] = "new-client-" + j;
                filters[j] = TopicFilter.of("site/" + random.nextInt(sites) + "/device/new-" + j + "/temp");
            }
        }
    }

    /** Before each subscribe, the subscription it will add is removed (it was added a pool's length ago). */
    @State(Scope.Benchmark)
    public static class SubscribeChurn extends NewDevices {
        @Setup(Level.Invocation)
        public void removeNext() {
            current = (current + 1) % POOL;
            tree.unsubscribe(clients[current], filters[current]);
        }
    }

    /** Before each unsubscribe, the subscription it will remove is added. */
    @State(Scope.Benchmark)
    public static class UnsubscribeChurn extends NewDevices {
        @Setup(Level.Invocation)
        public void addNext() {
            current = (current + 1) % POOL;
            tree.subscribe(clients[current], filters[current], OPTIONS);
        }
    }

    /**
     * A control for {@code match}: one {@link HashMap} lookup of the same random topics among as many
     * exact topics as the tree has subscriptions. Any structure of that size pays the same cache misses.
     */
    @State(Scope.Benchmark)
    public static class HashMapBaseline {
        @Param({"1000", "100000", "1000000"})
        public int subscriptions;

        Map<String, String> exact;
        String[] topics;
        int next;

        @Setup(Level.Trial)
        public void populate() {
            exact = new HashMap<>();
            for (int i = 0; i < subscriptions; i++) {
                String filter = Populated.filterOf(i);
                exact.put(filter, "client-" + i);
            }
            int sites = Math.max(1, subscriptions / PER_SITE);
            SplittableRandom random = new SplittableRandom(42);
            topics = new String[4096];
            for (int i = 0; i < topics.length; i++) {
                int site = random.nextInt(sites);
                int device = random.nextInt(Math.min(EXACT_PER_SITE, subscriptions));
                // a fresh String, as a decoded PUBLISH would bring, so its hash is computed once per topic
                topics[i] = new String("site/" + site + "/device/" + device + "/temp");
            }
        }
    }

    @Benchmark
    public String hashMapBaseline(HashMapBaseline state) {
        return state.exact.get(state.topics[state.next++ & (state.topics.length - 1)]);
    }

    @Benchmark
    public List<Subscription> match(Populated state) {
        return state.tree.match(state.nextTopic());
    }

    @Benchmark
    public List<Subscription> matchSameTopic(Populated state) {
        return state.tree.match(state.topics[0]);
    }

    @Benchmark
    public boolean subscribe(SubscribeChurn state) {
        return state.tree.subscribe(state.clients[state.current], state.filters[state.current], OPTIONS);
    }

    @Benchmark
    public boolean unsubscribe(UnsubscribeChurn state) {
        return state.tree.unsubscribe(state.clients[state.current], state.filters[state.current]);
    }
}
