package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.codec.PublishSize;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.Will;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
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
    /** Payload bytes the queue may hold; Long.MAX_VALUE: no limit. */
    private final long maxQueuedBytes;
    private long queuedBytes;
    private final int brokerMaxInflight;
    private final Map<Integer, InFlight> inflight = new LinkedHashMap<>();
    /** A message waiting to be sent, and when its Message Expiry Interval runs out (MAX_VALUE: never). */
    private record Queued(Publish message, long expiresAtMillis) {
    }

    private final ArrayDeque<Queued> queue = new ArrayDeque<>(2); // small: most sessions never queue
    private final Clock clock;
    private long expired;
    private final Set<Integer> awaitingRelease = new HashSet<>();
    private ClientConnection connection;
    private long expiryIntervalSeconds;
    private Optional<Will> will = Optional.empty();
    private int nextPacketId = 1;
    private long dropped;
    private long tooLarge;
    /** Set on the lane, read by publishers' lanes: the queue of this online client is full. */
    private volatile boolean congested;
    private final Set<ClientConnection> heldPublishers = ConcurrentHashMap.newKeySet();

    Session(String clientId, int maxQueued, int brokerMaxInflight) {
        this(clientId, maxQueued, brokerMaxInflight, Clock.systemUTC());
    }

    Session(String clientId, int maxQueued, int brokerMaxInflight, Clock clock) {
        this(clientId, maxQueued, 0, brokerMaxInflight, clock);
    }

    /** @param maxQueuedBytes payload bytes the queue may hold, counted like {@code maxQueued}; 0: no limit */
    Session(String clientId, int maxQueued, long maxQueuedBytes, int brokerMaxInflight, Clock clock) {
        this.maxQueuedBytes = maxQueuedBytes == 0 ? Long.MAX_VALUE : maxQueuedBytes;
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

    void clearWill() {
        will = Optional.empty();
    }

    /** Messages dropped because the queue was full. */
    long dropped() {
        return dropped;
    }

    int queued() {
        return queue.size();
    }

    /** Payload bytes of the queued messages. */
    long queuedBytes() {
        return queuedBytes;
    }

    int inflightCount() {
        return inflight.size();
    }

    /** Attaches a new connection: unacknowledged messages are sent again (DUP), then the queue. */
    void attach(ClientConnection newConnection, Connect connect) {
        this.connection = newConnection;
        this.expiryIntervalSeconds = connect.sessionExpiryIntervalSeconds();
        this.will = connect.will();
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
        // QoS 0 messages are not kept for an offline client
        queue.removeIf(q -> q.message().qos() == 0 && unqueued(q));
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
        heldPublishers.add(publisher);
        if (!congested && heldPublishers.remove(publisher)) {
            publisher.uncongested();
        }
    }

    private void endCongestion() {
        if (!congested) {
            return;
        }
        congested = false;
        for (ClientConnection publisher : heldPublishers) {
            if (heldPublishers.remove(publisher)) {
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
        enqueue(new Queued(message, expiresAt));
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

    private void enqueue(Queued message) {
        if (isOnline()) {
            // MQTT-4.3.2/4.3.3 promises to an online subscriber are kept: its QoS 1 and 2 messages
            // are never dropped to make room. Past the limit its publishers are held instead
            // (InboundGate), so the queue overshoots by at most what they had already sent.
            if (isFull(message)) {
                congested = true;
                if (!dropOldestQos0() && message.message().qos() == 0) {
                    dropped++;
                    return;
                }
            }
            queued(message);
            return;
        }
        // offline: make room by dropping QoS 0 messages, oldest first; drop the new one if that is not enough
        while (isFull(message)) {
            if (!dropOldestQos0()) {
                dropped++;
                return;
            }
        }
        queued(message);
    }

    /** Whether the queue has no room for {@code message}, by count or by payload bytes. */
    private boolean isFull(Queued message) {
        return queue.size() >= maxQueued || queuedBytes + message.message().payload().length > maxQueuedBytes;
    }

    private void queued(Queued message) {
        queue.addLast(message);
        queuedBytes += message.message().payload().length;
    }

    /** Takes a message leaving the queue off the byte count; always true (for removeIf). */
    private boolean unqueued(Queued message) {
        queuedBytes -= message.message().payload().length;
        return true;
    }

    private boolean dropOldestQos0() {
        Iterator<Queued> it = queue.iterator();
        while (it.hasNext()) {
            Queued next = it.next();
            if (next.message().qos() == 0) {
                it.remove();
                unqueued(next);
                dropped++;
                return true;
            }
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
        inflight.put(id, new InFlight(withId, false));
        connection.send(withId);
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
        while (isOnline() && !queue.isEmpty() && canSendNow(queue.peekFirst().message())) {
            Queued next = queue.pollFirst();
            unqueued(next);
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
        if (congested && queue.size() <= maxQueued / 2 && queuedBytes <= maxQueuedBytes / 2) {
            endCongestion();
        }
    }

    /** PUBACK (QoS 1) or PUBCOMP (QoS 2): the message is done. False when the id was unknown. */
    boolean acknowledged(int packetId) {
        boolean known = inflight.remove(packetId) != null;
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
        return true;
    }

    /** An incoming QoS 2 PUBLISH: true the first time its id is seen (route it), false for a DUP. */
    boolean firstReceipt(int packetId) {
        return awaitingRelease.add(packetId);
    }

    /** PUBREL from the client: true when the id was awaiting release. */
    boolean released(int packetId) {
        return awaitingRelease.remove(packetId);
    }

    boolean isAwaitingRelease(int packetId) {
        return awaitingRelease.contains(packetId);
    }

    int awaitingReleaseCount() {
        return awaitingRelease.size();
    }

    /** For tests: what is queued. */
    List<Publish> queuedMessages() {
        return queue.stream().map(Queued::message).toList();
    }
}
