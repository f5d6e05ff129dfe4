package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.List;
import java.util.Set;

/**
 * QoS 1 and 2 state in both directions, per client id: outgoing messages sent and not yet fully
 * acknowledged, and incoming QoS 2 packet ids received and awaiting PUBREL. Thread-safe for
 * different client ids; one client's entries have one writer.
 */
public interface InflightStore {
    /** Records an outgoing message sent with {@code packetId}, replacing any entry with that id. */
    void putOutgoing(String clientId, int packetId, Publish message);

    /** PUBREC arrived: the entry becomes released. False when the id is not inflight. */
    boolean markReleased(String clientId, int packetId);

    /** PUBACK or PUBCOMP arrived: false when the id was not inflight. */
    boolean removeOutgoing(String clientId, int packetId);

    /** The client's outgoing entries in the order they were put, a replaced id counting as new. */
    List<InflightMessage> outgoing(String clientId);

    /** An incoming QoS 2 PUBLISH: true the first time its id is seen. */
    boolean addAwaitingRelease(String clientId, int packetId);

    /** PUBREL: true when the id was awaiting release. */
    boolean removeAwaitingRelease(String clientId, int packetId);

    Set<Integer> awaitingRelease(String clientId);

    /** Forgets everything about the client (its session ended). */
    void dropAll(String clientId);
}
