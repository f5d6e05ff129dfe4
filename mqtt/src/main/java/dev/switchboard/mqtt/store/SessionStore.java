package dev.switchboard.mqtt.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sessions and their subscriptions by client id. Thread-safe; the broker changes one client's
 * entries from that client's lane only, so no two writers race on a client id.
 */
public interface SessionStore {
    /** Adds or replaces the session of {@code session.clientId()}. */
    void put(StoredSession session);

    Optional<StoredSession> get(String clientId);

    /** Removes the session and all its subscriptions; false when there was none. */
    boolean remove(String clientId);

    /** Every stored session, for the broker's start; order unspecified. */
    void forEach(Consumer<StoredSession> action);

    long count();

    /** Adds or replaces the client's subscription on {@code subscription.filter()}. */
    void putSubscription(String clientId, StoredSubscription subscription);

    /** False when the client had no subscription on exactly that filter. */
    boolean removeSubscription(String clientId, String filter);

    /** The client's subscriptions ordered by filter. */
    List<StoredSubscription> subscriptions(String clientId);
}
