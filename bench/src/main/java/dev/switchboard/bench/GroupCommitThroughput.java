package dev.switchboard.bench;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.BrokerStores;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Acknowledged QoS 1 writes per second with {@code --fsync always} (group commit), with {@code
 * periodic} and with {@code never}: {@code clients} threads each append a message and wait for its
 * durability, up to {@code window} at a time, as a client with that receive maximum would.
 * {@code java -cp ... dev.switchboard.bench.GroupCommitThroughput [clients] [writesPerClient] [window]}.
 */
public final class GroupCommitThroughput {
    private GroupCommitThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        for (Durability durability : Durability.values()) {
            Path dir = Files.createTempDirectory("group-commit");
            StoreConfig config = StoreConfig.builder().dataDir(dir).durability(durability).build();
            try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
                long start = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    String id = "client-" + c;
                    Thread t = new Thread(() -> run(stores, id, writes, window));
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) {
                    t.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("--fsync %-8s %d clients x %d writes (window %d): %,.0f acknowledged writes/s%n",
                        durability.flag(), clients, writes, window, clients * writes / seconds);
            }
        }
    }

    private static void run(BrokerStores stores, String clientId, int writes, int window) {
        Semaphore inflight = new Semaphore(window);
        byte[] payload = "x".repeat(64).getBytes(StandardCharsets.US_ASCII);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            inflight.acquireUninterruptibly();
            stores.queues().append(clientId, Publish.of("t", payload, 1, false, 0), Long.MAX_VALUE);
            acks.add(stores.commits().durable().toCompletableFuture().whenComplete((v, e) -> inflight.release()));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }
}
