package dev.switchboard.mqtt.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Writes a known store file and reads everything back from one, for reopen and damage tests. */
final class StoreFiles {
    private StoreFiles() {
    }

    static StoreConfig config(Path dir, boolean recover) {
        return StoreConfig.builder().dataDir(dir).durability(Durability.NEVER).recover(recover).build();
    }

    /** A store with entries in every map, written over several commits. */
    static void writeKnownStore(Path dir, int clients) {
        try (BrokerStores stores = BrokerStores.open(config(dir, false), Clock.systemUTC())) {
            for (int i = 0; i < clients; i++) {
                String id = "client-" + i;
                stores.sessions().put(new StoredSession(id, 3600, OptionalLong.of(1000L + i),
                        Optional.of(Messages.will())));
                stores.sessions().putSubscription(id, new StoredSubscription("t/" + i + "/#",
                        dev.switchboard.mqtt.topic.SubscriptionOptions.atQos(1)));
                for (int m = 0; m < 20; m++) {
                    stores.queues().append(id, Messages.full("t/" + i, "message " + m), Long.MAX_VALUE);
                }
                stores.inflight().putOutgoing(id, 1, Messages.plain("t/" + i, "inflight", 2));
                stores.inflight().addAwaitingRelease(id, 2);
                stores.retained().put(new RetainedMessage(Messages.plain("r/" + i, "kept", 1), 5L));
                if (i % 10 == 9) {
                    stores.file().orElseThrow().commitAndSync();
                }
            }
        }
    }

    /** Everything in the store, one element per entry, in a stable order; compare with equals. */
    static List<Object> contents(BrokerStores stores, int clients) {
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String id = "client-" + i;
            lines.add(stores.sessions().get(id));
            lines.add(stores.sessions().subscriptions(id));
            lines.addAll(stores.queues().peek(id, 1000));
            lines.add(stores.inflight().outgoing(id));
            lines.add(stores.inflight().awaitingRelease(id));
            lines.add(stores.retained().get("r/" + i));
        }
        return lines;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
