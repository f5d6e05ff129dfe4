package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.Commits;
import dev.switchboard.mqtt.store.InflightStore;
import dev.switchboard.mqtt.store.MessageQueueStore;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one persistent session writes through to the stores: its queue, outgoing QoS 1 and 2
 * messages until acknowledged, incoming QoS 2 packet ids until released. {@link #NONE} for a
 * session that keeps nothing (Session Expiry 0, or an in-memory broker). Called on the session's
 * lane only.
 */
class DurableSession {
    private static final Logger LOG = LoggerFactory.getLogger(DurableSession.class);

    /** Keeps nothing; {@link #afterDurable} runs at once. */
    static final DurableSession NONE = new DurableSession();

    private final String clientId;
    private final InflightStore inflight;
    private final MessageQueueStore queues;
    private final Commits commits;
    private final Executor lane;

    private DurableSession() {
        this(null, null, null, null, null);
    }

    /**
     * @param commits the barrier to wait on before a packet that promises stored state leaves, or
     *     null when nothing waits ({@code --fsync periodic|never})
     * @param lane runs the waited-for work on the session's lane
     */
    DurableSession(String clientId, InflightStore inflight, MessageQueueStore queues, Commits commits, Executor lane) {
        this.clientId = clientId;
        this.inflight = inflight;
        this.queues = queues;
        this.commits = commits;
        this.lane = lane;
    }

    boolean isPersistent() {
        return inflight != null;
    }

    SessionQueue newQueue() {
        return isPersistent() ? new StoredQueue(queues, clientId) : new HeapQueue();
    }

    /** An outgoing QoS 1 or 2 message was given its packet id. */
    void sent(int packetId, Publish message) {
        if (isPersistent()) {
            inflight.putOutgoing(clientId, packetId, message);
        }
    }

    /** PUBREC from the client. */
    void received(int packetId) {
        if (isPersistent()) {
            inflight.markReleased(clientId, packetId);
        }
    }

    /** PUBACK or PUBCOMP from the client. */
    void acknowledged(int packetId) {
        if (isPersistent()) {
            inflight.removeOutgoing(clientId, packetId);
        }
    }

    /** An incoming QoS 2 PUBLISH seen for the first time. */
    void awaitingRelease(int packetId) {
        if (isPersistent()) {
            inflight.addAwaitingRelease(clientId, packetId);
        }
    }

    /** PUBREL for an incoming QoS 2 message. */
    void released(int packetId) {
        if (isPersistent()) {
            inflight.removeAwaitingRelease(clientId, packetId);
        }
    }

    /** The session ended: its inflight state goes (the queue clears itself). */
    void clear() {
        if (isPersistent()) {
            inflight.dropAll(clientId);
        }
    }

    /** True when packets promising stored state wait for the disk ({@code --fsync always}). */
    boolean waitsForDisk() {
        return commits != null;
    }

    /**
     * Runs {@code task} on the lane once every write made so far is on disk; at once when nothing
     * waits. Tasks run in the order given. A failed commit runs {@code failed} instead.
     */
    void afterDurable(Runnable task, Runnable failed) {
        if (commits == null) {
            task.run();
            return;
        }
        commits.durable().whenComplete((v, e) -> lane.execute(() -> {
            if (e == null) {
                task.run();
            } else {
                LOG.error("client {}: store commit failed, closing the connection: {}", clientId, e.toString());
                failed.run();
            }
        }));
    }
}
