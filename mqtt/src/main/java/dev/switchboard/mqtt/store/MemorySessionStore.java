package dev.switchboard.mqtt.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/** {@link SessionStore} on the heap: gone when the broker stops. */
public final class MemorySessionStore implements SessionStore {
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<String, StoredSubscription>> subscriptions =
            new ConcurrentHashMap<>();

    @Override
    public void put(StoredSession session) {
        sessions.put(session.clientId(), session);
    }

    @Override
    public Optional<StoredSession> get(String clientId) {
        return Optional.ofNullable(sessions.get(clientId));
    }

    @Override
    public boolean remove(String clientId) {
        subscriptions.remove(clientId);
        return sessions.remove(clientId) != null;
    }

    @Override
    public void forEach(Consumer<StoredSession> action) {
        sessions.values().forEach(action);
    }

    @Override
    public long count() {
        return sessions.size();
    }

    @Override
    public void putSubscription(String clientId, StoredSubscription subscription) {
        subscriptions.computeIfAbsent(clientId, k -> new ConcurrentSkipListMap<>())
                .put(subscription.filter(), subscription);
    }

    @Override
    public boolean removeSubscription(String clientId, String filter) {
        ConcurrentSkipListMap<String, StoredSubscription> of = subscriptions.get(clientId);
        return of != null && of.remove(filter) != null;
    }

    @Override
    public List<StoredSubscription> subscriptions(String clientId) {
        ConcurrentSkipListMap<String, StoredSubscription> of = subscriptions.get(clientId);
        return of == null ? List.of() : List.copyOf(of.values());
    }
}
