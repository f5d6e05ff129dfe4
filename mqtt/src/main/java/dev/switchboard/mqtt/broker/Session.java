package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.codec.PublishSize;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.Will;
import dev.switchboard.mqtt.store.InflightMessage;
import dev.switchboard.mqtt.store.QueuedMessage;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state MQTT keeps for one client id, online or not: messages sent and not yet acknowledged,
 * messages waiting to be sent, QoS 2 packet ids received and awaiting PUBREL, the will, the expiry.
 * Plain Java and confined to the client's lane (one thread at a time), so it needs no locks and
 * can be tested without Netty. Subscriptions live in the shared topic tree.
 */
final class Session {
    /** An outgoing QoS 1 or 2 message not yet fully acknowledged. */
    record InFlight(Publish message, boolean released) {
    }

    private final String clientId;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private final int brokerMaxInflight;
    // the collections below start as shared empty ones (reads and removals work on them) and are
    // created on the first write: most sessions of idle clients never need them
    private Map<Integer, InFlight> inflight = Collections.emptyMap();
    /** Messages waiting to be sent, each with when its Message Expiry Interval runs out (MAX_VALUE: never). */
    private final SessionQueue queue;
    private final DurableSession durable;
    /** Created by the first acknowledgement that has to wait for the disk (--fsync always). */
    private PendingAcks acks;
    private final Clock clock;
    private long expired;
    private Set<Integer> awaitingRelease = Collections.emptySet();
    private ClientConnection connection;
    private long expiryIntervalSeconds;
    private Optional<Will> will = Optional.empty();
    private Optional<String> username = Optional.empty();
    private int nextPacketId = 1;
    private long dropped;
    private long detachedAtMillis;
    private long tooLarge;
    /** Set on the lane, read by publishers' lanes: the queue of this online client is full. */
    private volatile boolean congested;
    /** Created by the first publisher held (on its lane); volatile for {@link #endCongestion}. */
    private volatile Set<ClientConnection> heldPublishers;

    Session(String clientId, int maxQueued, int brokerMaxInflight) {
        this(clientId, maxQueued, brokerMaxInflight, Clock.systemUTC());
    }

    Session(String clientId, int maxQueued, int brokerMaxInflight, Clock clock) {
        this(clientId, maxQueued, 0, brokerMaxInflight, clock, DurableSession.NONE);
    }

    /** @param maxQueuedBytes payload bytes the queue may hold, counted like {@code maxQueued}; 0: no limit */
    Session(String clientId, int maxQueued, long maxQueuedBytes, int brokerMaxInflight, Clock clock) {
        this(clientId, maxQueued, maxQueuedBytes, brokerMaxInflight, clock, DurableSession.NONE);
    }

    /** A session whose state {@code durable} writes through to the stores (its queue lives there). */
    Session(String clientId, int maxQueued, long maxQueuedBytes, int brokerMaxInflight, Clock clock,
            DurableSession durable) {
        this.maxQueuedBytes = maxQueuedBytes == 0 ? Long.MAX_VALUE : maxQueuedBytes;
        this.durable = durable;
        this.queue = durable.newQueue();
        this.clock = clock;
        this.clientId = clientId;
        this.maxQueued = maxQueued;
        this.brokerMaxInflight = brokerMaxInflight;
    }

    String clientId() {
        return clientId;
    }

    ClientConnection connection() {
        return connection;
    }

    boolean isOnline() {
        return connection != null;
    }

    long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    void expiryIntervalSeconds(long seconds) {
        this.expiryIntervalSeconds = seconds;
    }

    Optional<Will> will() {
        return will;
    }

    /** The user the client last logged in as (verified), empty for anonymous. */
    Optional<String> username() {
        return username;
    }

    void clearWill() {
        will = Optional.empty();
    }

    /** Messages dropped because the queue was full. */
    long dropped() {
        return dropped;
    }

    long queued() {
        return queue.size();
    }

    DurableSession durable() {
        return durable;
    }

    /** Acknowledgements to this client that wait for the disk. */
    PendingAcks acks() {
        if (acks == null) {
            acks = new PendingAcks();
        }
        return acks;
    }

    /** Sends {@code ack} now, or after the acknowledgements still waiting for the disk. */
    void acknowledgeReady(ClientConnection connection, Packet ack) {
        if (acks == null) {
            connection.send(ack);
        } else {
            acks.addReady(connection, ack);
        }
    }

    /**
     * State read back from the store at start: outgoing messages not yet acknowledged (in the
     * order sent) and incoming QoS 2 ids awaiting PUBREL. Sent again when the client reconnects.
     */
    void restore(List<InflightMessage> outgoing, Set<Integer> awaiting) {
        for (InflightMessage m : outgoing) {
            writableInflight().put(m.packetId(), new InFlight(m.message(), m.released()));
            nextPacketId = m.packetId() == 0xFFFF ? 1 : m.packetId() + 1;
        }
        if (!awaiting.isEmpty()) {
            writableAwaitingRelease().addAll(awaiting);
        }
    }

    /** The session record read back from the store: offline since {@code detachedAt}. */
    void restoreRecord(long expirySeconds, Optional<Will> storedWill, Optional<String> user, long detachedAt) {
        this.expiryIntervalSeconds = expirySeconds;
        this.will = storedWill;
        this.username = user;
        this.detachedAtMillis = detachedAt;
    }

    /** When the client last left (clock millis). */
    long detachedAtMillis() {
        return detachedAtMillis;
    }

    /** The session ended: what it stored goes. */
    void discardStored() {
        queue.clear();
        durable.clear();
    }

    /**
     * Sends {@code packet} once what it promises is on disk ({@code --fsync always}), on this
     * connection if it is still the session's; at once otherwise.
     */
    void sendDurably(Packet packet) {
        ClientConnection c = connection;
        if (c == null) {
            return;
        }
        durable.afterDurable(() -> {
            if (connection == c) {
                c.send(packet);
            }
        }, c::close);
    }

    int inflightCount() {
        return inflight.size();
    }

    /** Attaches a new connection: unacknowledged messages are sent again (DUP), then the queue. */
    void attach(ClientConnection newConnection, Connect connect) {
        this.connection = newConnection;
        this.expiryIntervalSeconds = connect.sessionExpiryIntervalSeconds();
        this.will = connect.will();
        this.username = Optional.ofNullable(connect.username());
        for (Map.Entry<Integer, InFlight> e : inflight.entrySet()) {
            InFlight f = e.getValue();
            if (f.released()) {
                newConnection.send(PubRel.success(e.getKey()));
            } else {
                Publish m = f.message();
                newConnection.send(m.withDelivery(m.qos(), e.getKey(), m.retain(), true, m.subscriptionIdentifiers()));
            }
        }
        drain();
    }

    void detach() {
        this.connection = null;
        this.detachedAtMillis = clock.millis();
        // QoS 0 messages are not kept for an offline client
        queue.dropQos0();
        // an offline session holds nobody back: past its limit it drops, and counts, instead
        endCongestion();
    }

    /** True while this client is online and its queue is at the limit: publishers to it are held. */
    boolean isCongested() {
        return congested;
    }

    /**
     * Holds a publisher until this session catches up. Thread-safe: called from the publisher's
     * lane. The second look at {@link #congested} closes the race with {@link #endCongestion}.
     */
    void holdPublisher(ClientConnection publisher) {
        publisher.congested();
        Set<ClientConnection> held = heldPublishers();
        held.add(publisher);
        if (!congested && held.remove(publisher)) {
            publisher.uncongested();
        }
    }

    private void endCongestion() {
        if (!congested) {
            return;
        }
        congested = false;
        Set<ClientConnection> held = heldPublishers;
        if (held == null) {
            return;
        }
        for (ClientConnection publisher : held) {
            if (held.remove(publisher)) {
                publisher.uncongested();
            }
        }
    }

    /** Delivers (or queues) a message already downgraded to the subscription's QoS. */
    void deliver(Publish message) {
        if (!isOnline() && message.qos() == 0) {
            return;
        }
        if (isOnline() && queue.isEmpty() && canSendNow(message)) {
            send(message);
            return;
        }
        OptionalLong expiry = message.properties().messageExpiryIntervalSeconds();
        long expiresAt = expiry.isPresent() ? clock.millis() + expiry.getAsLong() * 1000 : Long.MAX_VALUE;
        enqueue(message, expiresAt);
    }

    /** Messages discarded because they exceeded the client's Maximum Packet Size. */
    long tooLarge() {
        return tooLarge;
    }

    /** Messages whose Message Expiry Interval ran out while they waited; never delivered. */
    long expired() {
        return expired;
    }

    private boolean canSendNow(Publish message) {
        return connection.isWritable() && (message.qos() == 0 || inflight.size() < window());
    }

    private int window() {
        return Math.min(brokerMaxInflight, connection.receiveMaximum());
    }

    private void enqueue(Publish message, long expiresAtMillis) {
        if (isOnline()) {
            // MQTT-4.3.2/4.3.3 promises to an online subscriber are kept: its QoS 1 and 2 messages
            // are never dropped to make room. Past the limit its publishers are held instead
            // (InboundGate), so the queue overshoots by at most what they had already sent.
            if (full(message)) {
                congested = true;
                if (!dropOldestQos0() && message.qos() == 0) {
                    dropped++;
                    return;
                }
            }
            queue.add(message, expiresAtMillis);
            return;
        }
        if (full(message)) {
            if (!dropOldestQos0()) {
                dropped++;
                return;
            }
        }
        queue.add(message, expiresAtMillis);
    }

    /** At --max-queued-messages, or this message would take the queue past --max-queued-bytes. */
    private boolean full(Publish message) {
        return queue.size() >= maxQueued || queue.bytes() + message.payload().length > maxQueuedBytes;
    }

    /** Payload bytes of the queued messages. */
    long queuedBytes() {
        return queue.bytes();
    }

    private boolean dropOldestQos0() {
        if (queue.dropOldestQos0()) {
            dropped++;
            return true;
        }
        return false;
    }

    private void send(Publish message) {
        long max = connection.maximumPacketSize();
        if (max > 0 && PublishSize.encodedLength(message, connection.version()) > max) {
            // MQTT-3.1.2-25: too large for this client: discarded as if it had been delivered
            tooLarge++;
            return;
        }
        if (message.qos() == 0) {
            connection.send(message);
            return;
        }
        int id = allocatePacketId();
        Publish withId = message.withDelivery(message.qos(), id, message.retain(), false,
                message.subscriptionIdentifiers());
        writableInflight().put(id, new InFlight(withId, false));
        durable.sent(id, withId);
        if (message.qos() == 2 && durable.waitsForDisk()) {
            // exactly once across a crash: the client sees this id only once it is stored with it
            sendDurably(withId);
        } else {
            connection.send(withId);
        }
    }

    private int allocatePacketId() {
        while (true) {
            int id = nextPacketId;
            nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
            if (!inflight.containsKey(id)) {
                return id;
            }
        }
    }

    /** Sends queued messages while the window and the socket allow. */
    void drain() {
        while (isOnline() && !queue.isEmpty() && canSendNow(queue.peek().message())) {
            QueuedMessage next = queue.peek();
            queue.removeHead();
            if (next.expiresAtMillis() == Long.MAX_VALUE) {
                send(next.message());
                continue;
            }
            long left = next.expiresAtMillis() - clock.millis();
            if (left <= 0) {
                expired++; // MQTT-3.3.2-5: an expired message is not delivered
                continue;
            }
            // MQTT-3.3.2-6: the interval sent on is what is left of it
            Publish m = next.message();
            send(new Publish(m.topic(), m.payload(), m.qos(), m.retain(), m.dup(), m.packetId(),
                    m.properties().withMessageExpiry(OptionalLong.of((left + 999) / 1000)), m.topicAlias(),
                    m.subscriptionIdentifiers()));
        }
        if (congested && queue.size() <= maxQueued / 2 && queue.bytes() <= maxQueuedBytes / 2) {
            endCongestion();
        }
    }

    /** PUBACK (QoS 1) or PUBCOMP (QoS 2): the message is done. False when the id was unknown. */
    boolean acknowledged(int packetId) {
        boolean known = inflight.remove(packetId) != null;
        if (known) {
            durable.acknowledged(packetId);
        }
        drain();
        return known;
    }

    /** PUBREC: the client has the QoS 2 message; from now on only PUBREL is resent. */
    boolean received(int packetId) {
        InFlight f = inflight.get(packetId);
        if (f == null || f.message().qos() != 2) {
            return false;
        }
        inflight.put(packetId, new InFlight(f.message(), true));
        durable.received(packetId);
        return true;
    }

    /** An incoming QoS 2 PUBLISH: true the first time its id is seen (route it), false for a DUP. */
    boolean firstReceipt(int packetId) {
        boolean first = writableAwaitingRelease().add(packetId);
        if (first) {
            durable.awaitingRelease(packetId);
        }
        return first;
    }

    /** PUBREL from the client: true when the id was awaiting release. */
    boolean released(int packetId) {
        boolean known = awaitingRelease.remove(packetId);
        if (known) {
            durable.released(packetId);
        }
        return known;
    }

    boolean isAwaitingRelease(int packetId) {
        return awaitingRelease.contains(packetId);
    }

    int awaitingReleaseCount() {
        return awaitingRelease.size();
    }

    private Map<Integer, InFlight> writableInflight() {
        if (inflight == Collections.<Integer, InFlight>emptyMap()) {
            inflight = new LinkedHashMap<>();
        }
        return inflight;
    }

    private Set<Integer> writableAwaitingRelease() {
        if (awaitingRelease == Collections.<Integer>emptySet()) {
            awaitingRelease = new HashSet<>();
        }
        return awaitingRelease;
    }

    private Set<ClientConnection> heldPublishers() {
        Set<ClientConnection> held = heldPublishers;
        if (held == null) {
            synchronized (this) {
                held = heldPublishers;
                if (held == null) {
                    held = ConcurrentHashMap.newKeySet();
                    heldPublishers = held;
                }
            }
        }
        return held;
    }

    /** For tests: what is queued. */
    List<Publish> queuedMessages() {
        return queue.messages();
    }
}
