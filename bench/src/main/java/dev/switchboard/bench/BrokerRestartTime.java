package dev.switchboard.bench;

import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.broker.MqttBroker;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.BrokerStores;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import dev.switchboard.mqtt.store.StoredSession;
import dev.switchboard.mqtt.store.StoredSubscription;
import dev.switchboard.mqtt.topic.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Issue 4 point 12: how long the broker takes to start on a store file holding 1,000,000 queued
 * 64-byte messages for 10,000 offline persistent sessions (one subscription each), and the heap it
 * uses then. {@code java -Xmx256m -cp ... dev.switchboard.bench.BrokerRestartTime [messages] [sessions]}.
 */
public final class BrokerRestartTime {
    private BrokerRestartTime() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("broker-restart-time");
        StoreConfig config = StoreConfig.builder().dataDir(dir).durability(Durability.ALWAYS).build();
        try {
            long fill = System.nanoTime();
            try (BrokerStores stores = BrokerStores.open(StoreConfig.builder().dataDir(dir)
                    .durability(Durability.NEVER).build(), Clock.systemUTC())) {
                long now = System.currentTimeMillis();
                for (int s = 0; s < sessions; s++) {
                    String id = "client-" + s;
                    stores.sessions().put(new StoredSession(id, 0xFFFF_FFFFL, OptionalLong.of(now), Optional.empty()));
                    stores.sessions().putSubscription(id, new StoredSubscription("sensors/" + s + "/#",
                            SubscriptionOptions.atQos(1)));
                }
                for (int i = 0; i < messages; i++) {
                    byte[] payload = String.format("%064d", i).getBytes(StandardCharsets.US_ASCII);
                    stores.queues().append("client-" + (i % sessions), Publish.of("sensors/" + (i % sessions)
                            + "/temperature", payload, 1, false, 0), Long.MAX_VALUE);
                }
            }
            System.out.printf("filled %,d messages for %,d sessions in %.1f s; file %.1f MiB%n", messages, sessions,
                    (System.nanoTime() - fill) / 1e9, Files.size(config.file()) / 1048576.0);
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                try (MqttBroker broker = MqttBroker.start(BrokerConfig.builder().port(0).sysInterval(Duration.ZERO)
                        .maxQueuedMessages(1_000_000).store(config).build())) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    System.out.printf("start %d: %,d sessions, %,d subscriptions ready in %.0f ms; heap used after GC"
                            + " %.1f MiB (max %.0f MiB)%n", run, broker.sessions(), broker.subscriptions(), ms,
                            BenchMeasures.usedHeapAfterGc() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
                }
            }
        } finally {
            BenchMeasures.deleteTree(dir);
        }
    }
}
