package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.List;

/**
 * One first-in first-out queue of messages per client id. Every operation touches only the entries
 * it names (O(log n) in the MVStore implementation): a queue is never loaded whole. Thread-safe for
 * different client ids; one client's queue has one writer (its lane). The caller bounds the length.
 */
public interface MessageQueueStore {
    /** Appends to the tail; returns the message's sequence number. */
    long append(String clientId, Publish message, long expiresAtMillis);

    /** Up to {@code max} messages from the head, oldest first, without removing them. */
    List<QueuedMessage> peek(String clientId, int max);

    /** Removes the head; false when the queue is empty. */
    boolean removeHead(String clientId);

    /** Removes the message with that sequence number; false when it is not queued. */
    boolean remove(String clientId, long sequence);

    long count(String clientId);

    /** Payload bytes of the client's queued messages, read one at a time (never the queue at once). */
    long payloadBytes(String clientId);

    /** Empties the client's queue; returns how many messages were dropped. */
    long dropAll(String clientId);

    /** Messages queued for all clients together. */
    long totalCount();
}
