package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 point 3: Paho Java publishers at QoS 1 and 2 and persistent subscribers (two of them
 * going offline now and then) run while the broker process is killed with SIGKILL at random
 * moments and restarted on the same data directory. Every message the broker acknowledged reaches
 * every subscriber; QoS 2 arrives exactly once, QoS 1 at least once.
 */
class Mqtt10CrashTest {
    private static final long SEED = 20240611L;
    private static final int KILLS = 6;
    private static final String[] SUBSCRIBERS = {"crash-sub-online", "crash-sub-away", "crash-sub-q1"};

    @TempDir
    Path dir;

    private final int port = FreePorts.find();
    private final Random random = new Random(SEED);
    private final List<MqttClient> clients = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private Process broker;
    private int starts;

    /** Per subscriber: payload to times received. */
    private final Map<String, Map<String, AtomicInteger>> received = new ConcurrentHashMap<>();
    /** Per QoS: payloads the broker acknowledged (PUBACK, PUBCOMP). */
    private final Map<Integer, Set<String>> acknowledged = Map.of(1, ConcurrentHashMap.newKeySet(), 2,
            ConcurrentHashMap.newKeySet());
    private final Map<Integer, AtomicInteger> sent = Map.of(1, new AtomicInteger(), 2, new AtomicInteger());

    @AfterEach
    void stop() throws Exception {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
        for (MqttClient c : clients) {
            try {
                c.disconnectForcibly(100, 100);
            } catch (MqttException ignored) {
                // already down
            }
            c.close(true);
        }
        if (broker != null) {
            broker.destroyForcibly().waitFor();
        }
    }

    @Test
    void acknowledgedMessagesSurviveSigkill() throws Exception {
        startBroker();
        for (int i = 0; i < SUBSCRIBERS.length; i++) {
            String id = SUBSCRIBERS[i];
            received.put(id, new ConcurrentHashMap<>());
            MqttClient client = client(id);
            connect(client);
            client.subscribe("crash/#", i == 2 ? 1 : 2);
            if (i == 1 || i == 2) {
                long seed = random.nextLong();
                background(id, () -> awayNowAndThen(client, new Random(seed)));
            } else {
                background(id, () -> keepConnected(client));
            }
        }
        for (int qos = 1; qos <= 2; qos++) {
            int q = qos;
            MqttClient publisher = client("crash-pub-" + qos);
            connect(publisher);
            background("crash-pub-" + qos, () -> publish(publisher, q));
        }
        for (int kill = 1; kill <= KILLS; kill++) {
            pause(Duration.ofMillis(1_500 + random.nextInt(3_500)));
            broker.destroyForcibly().waitFor(); // SIGKILL
            startBroker();
        }
        pause(Duration.ofSeconds(2));
        running.set(false);
        for (Thread t : threads) {
            t.join(20_000);
        }
        for (MqttClient c : clients) {
            connect(c); // everyone online: the offline ones collect their queues
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> missing().isEmpty());

        for (int qos = 1; qos <= 2; qos++) {
            long delivered = 0;
            long duplicated = 0;
            long duplicatedAtQos1Subscriber = 0;
            String prefix = "q" + qos + "-";
            for (Map.Entry<String, Map<String, AtomicInteger>> subscriber : received.entrySet()) {
                for (Map.Entry<String, AtomicInteger> e : subscriber.getValue().entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        delivered++;
                        duplicated += e.getValue().get() - 1;
                        if (subscriber.getKey().equals(SUBSCRIBERS[2])) {
                            duplicatedAtQos1Subscriber += e.getValue().get() - 1;
                        }
                    }
                }
            }
            // a QoS 2 message delivered to the subscriber that subscribed at QoS 1 goes at QoS 1: at least once
            System.out.printf("crash test (%d SIGKILLs) QoS %d: sent=%d acknowledged=%d delivered=%d duplicated=%d"
                    + " (of which at the QoS 1 subscriber: %d)%n", KILLS, qos, sent.get(qos).get(),
                    acknowledged.get(qos).size(), delivered, duplicated, duplicatedAtQos1Subscriber);
        }
        assertThat(missing()).as("acknowledged but not delivered").isEmpty();
        assertThat(acknowledged.get(1)).isNotEmpty();
        assertThat(acknowledged.get(2)).isNotEmpty();
        for (String subscriber : List.of(SUBSCRIBERS[0], SUBSCRIBERS[1])) {
            assertThat(received.get(subscriber).entrySet()).as("QoS 2 duplicates at " + subscriber)
                    .filteredOn(e -> e.getKey().startsWith("q2-")).allMatch(e -> e.getValue().get() == 1);
        }
        assertThat(starts).isEqualTo(KILLS + 1);
    }

    private List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String subscriber : SUBSCRIBERS) {
            for (Set<String> messages : acknowledged.values()) {
                for (String m : messages) {
                    if (!received.get(subscriber).containsKey(m)) {
                        missing.add(subscriber + ":" + m);
                    }
                }
            }
        }
        return missing;
    }

    private void startBroker() throws IOException {
        starts++;
        Path log = dir.resolve("broker-" + starts + ".log");
        Path data = dir.resolve("data");
        broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashBroker.class.getName(), String.valueOf(port),
                data.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assertThat(broker.isAlive()).as("broker start %d: %s", starts, Files.readString(log)).isTrue();
            return Files.readString(log).contains(CrashBroker.READY);
        });
    }

    private MqttClient client(String id) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, id, new MemoryPersistence());
        client.setTimeToWait(5_000);
        if (!id.startsWith("crash-pub")) {
            Map<String, AtomicInteger> counts = received.get(id);
            client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    counts.computeIfAbsent(new String(message.getPayload(), StandardCharsets.UTF_8),
                            k -> new AtomicInteger()).incrementAndGet();
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
        }
        clients.add(client);
        return client;
    }

    /** Connects with clean session 0, retrying while the broker is down (at most 30 s). */
    private static void connect(MqttClient client) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setKeepAliveInterval(5);
        options.setConnectionTimeout(5);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (client.isConnected()) {
                return true;
            }
            try {
                client.connect(options);
                return true;
            } catch (MqttException e) {
                return false;
            }
        });
    }

    private void publish(MqttClient publisher, int qos) {
        int n = 0;
        while (running.get()) {
            if (!publisher.isConnected()) {
                tryConnect(publisher);
                continue;
            }
            String payload = "q" + qos + "-" + n++;
            sent.get(qos).incrementAndGet();
            try {
                publisher.publish("crash/q" + qos, payload.getBytes(StandardCharsets.UTF_8), qos, false);
                acknowledged.get(qos).add(payload); // PUBACK or PUBCOMP came back
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    sent.get(qos).decrementAndGet(); // never left the client: Paho still holds earlier ones
                    n--;
                    pause(Duration.ofMillis(50));
                }
                // otherwise the broker went down in between: not acknowledged (Paho may still complete it later)
            }
        }
    }

    private void keepConnected(MqttClient client) {
        while (running.get()) {
            if (!client.isConnected()) {
                tryConnect(client);
            } else {
                pause(Duration.ofMillis(100));
            }
        }
    }

    /** Online for a while, then offline (a clean DISCONNECT) for a while: its queue builds up in the store. */
    private void awayNowAndThen(MqttClient client, Random own) {
        while (running.get()) {
            if (!client.isConnected()) {
                tryConnect(client);
            }
            pause(Duration.ofMillis(500 + own.nextInt(2_000)));
            try {
                client.disconnect(1_000);
            } catch (MqttException e) {
                // the broker is down: offline anyway
            }
            pause(Duration.ofMillis(500 + own.nextInt(3_000)));
        }
    }

    private static void tryConnect(MqttClient client) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setKeepAliveInterval(5);
        options.setConnectionTimeout(5);
        try {
            client.connect(options);
        } catch (MqttException e) {
            pause(Duration.ofMillis(100)); // the broker is restarting
        }
    }

    private void background(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Paces the scenario (not a synchronisation: nothing waits for anything here). */
    private static void pause(Duration d) {
        await().pollDelay(d).atMost(d.plusSeconds(5)).until(() -> true);
    }
}
