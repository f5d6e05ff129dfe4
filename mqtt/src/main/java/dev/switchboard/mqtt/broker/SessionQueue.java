package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.QueuedMessage;
import java.util.List;

/**
 * The messages waiting for one session, oldest first: on the heap ({@link HeapQueue}), or in the
 * store file for a persistent session ({@link StoredQueue}). Confined to the session's lane. The
 * session bounds the length.
 */
interface SessionQueue {
    long size();

    /**
     * Payload bytes queued. A stored queue read back at start counts only what was added since
     * (its earlier messages are counted by number alone).
     */
    long bytes();

    default boolean isEmpty() {
        return size() == 0;
    }

    /** The oldest message, or null when empty. */
    QueuedMessage peek();

    /** Removes the oldest message. */
    void removeHead();

    void add(Publish message, long expiresAtMillis);

    /** Drops the oldest QoS 0 message; false when there is none, or finding one would read the store. */
    boolean dropOldestQos0();

    /** Drops every QoS 0 message: the client went offline (a stored queue keeps those it holds). */
    void dropQos0();

    /** Empties the queue: the session ended. */
    void clear();

    /** For tests: everything queued, in order. */
    List<Publish> messages();
}
