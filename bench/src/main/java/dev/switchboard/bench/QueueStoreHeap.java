package dev.switchboard.bench;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.BrokerStores;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Heap used by the MVStore queue store with 1,000,000 queued 64-byte messages across 10,000
 * offline sessions (16 MiB page cache). Run it with the broker's heap limit to prove the point:
 * {@code java -Xmx256m -cp ... dev.switchboard.bench.QueueStoreHeap [messages] [sessions]}.
 */
public final class QueueStoreHeap {
    private QueueStoreHeap() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("queue-store-heap");
        long before = BenchMeasures.usedHeapAfterGc();
        long start = System.nanoTime();
        StoreConfig config = StoreConfig.builder().dataDir(dir).durability(Durability.NEVER).cacheSizeMiB(16).build();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
            for (int i = 0; i < messages; i++) {
                byte[] payload = String.format("%064d", i).getBytes(StandardCharsets.US_ASCII);
                stores.queues().append("client-" + (i % sessions), Publish.of("sensors/room/temperature", payload, 1,
                        false, 0), Long.MAX_VALUE);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long used = BenchMeasures.usedHeapAfterGc();
            System.out.printf("%,d messages in %,d sessions written in %.1f s (%,.0f/s); heap used after GC %.1f MiB"
                    + " (%.1f MiB before); file %.1f MiB; max heap %.0f MiB%n", stores.queues().totalCount(), sessions,
                    seconds, messages / seconds, used / 1048576.0, before / 1048576.0,
                    Files.size(config.file()) / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        } finally {
            BenchMeasures.deleteTree(dir);
        }
    }
}
