package dev.switchboard.mqtt.store;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Retained messages by topic. Loaded whole into the topic tree at start ({@link #forEach}); after
 * that the broker writes through. Thread-safe.
 */
public interface RetainedStore {
    /** Adds or replaces the retained message of its topic. */
    void put(RetainedMessage message);

    Optional<RetainedMessage> get(String topic);

    /** False when the topic had no retained message. */
    boolean remove(String topic);

    void forEach(Consumer<RetainedMessage> action);

    long count();
}
