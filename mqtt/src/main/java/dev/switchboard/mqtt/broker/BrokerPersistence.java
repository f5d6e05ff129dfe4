package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.Subscription;
import dev.switchboard.mqtt.store.BrokerStores;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.InflightStore;
import dev.switchboard.mqtt.store.RetainedMessage;
import dev.switchboard.mqtt.store.SessionStore;
import dev.switchboard.mqtt.store.StoredSession;
import dev.switchboard.mqtt.store.StoredSubscription;
import dev.switchboard.mqtt.topic.SubscriptionOptions;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The broker's side of the stores: which sessions write through, what waits for the disk, and the
 * session records, subscriptions and retained messages. Only sessions with a Session Expiry
 * Interval above zero are stored, and only when the stores are a file; an in-memory broker keeps
 * its sessions on the heap exactly as before. Thread-safe: each client's entries are written from
 * its lane.
 */
final class BrokerPersistence {
    private final BrokerStores stores;
    private final boolean file;
    private final boolean waitsForDisk;
    private final Clock clock;

    BrokerPersistence(BrokerStores stores, Durability durability, Clock clock) {
        this.stores = stores;
        this.file = stores.file().isPresent();
        this.waitsForDisk = file && durability == Durability.ALWAYS;
        this.clock = clock;
    }

    /** Nothing stored: the broker's state lives on the heap. */
    static BrokerPersistence inMemory(Clock clock) {
        return new BrokerPersistence(BrokerStores.inMemory(), Durability.NEVER, clock);
    }

    boolean isFile() {
        return file;
    }

    /** True when acknowledgements wait until what they acknowledge is on disk. */
    boolean waitsForDisk() {
        return waitsForDisk;
    }

    SessionStore sessions() {
        return stores.sessions();
    }

    InflightStore inflight() {
        return stores.inflight();
    }

    /** How a new session writes its state: through to the store when it outlives its connection. */
    DurableSession forSession(String clientId, boolean persistent, Executor lane) {
        if (!file || !persistent) {
            return DurableSession.NONE;
        }
        return new DurableSession(clientId, stores.inflight(), stores.queues(), waitsForDisk ? stores.commits() : null,
                lane);
    }

    /** Completes once {@code writes} are done and on disk. */
    CompletionStage<Void> durableAfter(List<CompletableFuture<Void>> writes) {
        CompletableFuture<Void> all = writes.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        return all.thenCompose(v -> stores.commits().durable());
    }

    /** Writes the session record: expiry, will, user, and when its client left (empty while online). */
    void saveSession(Session session, OptionalLong disconnectedAtMillis) {
        if (session.durable().isPersistent()) {
            sessions().put(new StoredSession(session.clientId(), session.expiryIntervalSeconds(), disconnectedAtMillis,
                    session.will(), session.username()));
        }
    }

    /** The session ended: its record, subscriptions, queue and inflight state go. */
    void removeSession(Session session) {
        if (session.durable().isPersistent()) {
            session.discardStored();
            sessions().remove(session.clientId());
        }
    }

    /** A client id starting afresh: whatever an earlier session left in the store goes. */
    void forget(String clientId) {
        if (file && sessions().remove(clientId)) {
            stores.queues().dropAll(clientId);
            stores.inflight().dropAll(clientId);
        }
    }

    void subscribed(Session session, Subscription s, OptionalInt subscriptionIdentifier) {
        if (session.durable().isPersistent()) {
            sessions().putSubscription(session.clientId(),
                    new StoredSubscription(s.filter(), TopicTreeIndex.options(s, subscriptionIdentifier)));
        }
    }

    void unsubscribed(Session session, String filter) {
        if (session.durable().isPersistent()) {
            sessions().removeSubscription(session.clientId(), filter);
        }
    }

    /** The SUBSCRIBE a stored subscription came from. */
    static Subscription subscription(StoredSubscription stored) {
        SubscriptionOptions o = stored.options();
        return new Subscription(stored.filter(), o.qos(), o.noLocal(), o.retainAsPublished(),
                o.retainHandling().code());
    }

    /**
     * Retained messages through the tree and into the store. The broker's own ($SYS) are not
     * stored: they are published again within one interval of the start.
     */
    RetainedMessages retained(TopicTreeIndex index) {
        if (!file) {
            return index;
        }
        return new RetainedMessages() {
            @Override
            public void retain(Publish message) {
                index.retain(message);
                if (message.topic().startsWith("$")) {
                    return;
                }
                if (message.payload().length == 0) {
                    stores.retained().remove(message.topic());
                } else {
                    stores.retained().put(new RetainedMessage(message, clock.millis()));
                }
            }

            @Override
            public List<Publish> matching(String filter) {
                return index.matching(filter);
            }

            @Override
            public int countRetained() {
                return index.countRetained();
            }
        };
    }

    /** Reads the retained messages back into the tree; returns how many. */
    long restoreRetained(TopicTreeIndex index) {
        long[] n = {0};
        stores.retained().forEach(r -> {
            if (index.restore(r.message(), r.arrivedAtMillis())) {
                n[0]++;
            } else {
                stores.retained().remove(r.topic()); // expired while the broker was down
            }
        });
        return n[0];
    }
}
