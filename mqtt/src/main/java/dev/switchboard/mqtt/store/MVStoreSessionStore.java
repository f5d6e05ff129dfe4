package dev.switchboard.mqtt.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;

/** {@link SessionStore} in the store file: maps {@code sessions} and {@code subscriptions}. */
public final class MVStoreSessionStore implements SessionStore {
    private final StoreFile file;
    private final MVMap<String, byte[]> sessions;
    private final MVMap<String, byte[]> subscriptions;

    public MVStoreSessionStore(StoreFile file) {
        this.file = file;
        this.sessions = file.map(StoreLayout.SESSIONS);
        this.subscriptions = file.map(StoreLayout.SUBSCRIPTIONS);
    }

    @Override
    public void put(StoredSession session) {
        sessions.put(session.clientId(), SessionFormat.session(session));
        file.changed();
    }

    @Override
    public Optional<StoredSession> get(String clientId) {
        byte[] value = sessions.get(clientId);
        return value == null ? Optional.empty() : Optional.of(SessionFormat.readSession(clientId, value));
    }

    @Override
    public boolean remove(String clientId) {
        for (String key : ClientKey.keysIn(subscriptions, clientId)) {
            subscriptions.remove(key);
        }
        return file.changed(sessions.remove(clientId) != null);
    }

    @Override
    public void forEach(Consumer<StoredSession> action) {
        StoreLayout.forEach(sessions, (clientId, value) -> action.accept(SessionFormat.readSession(clientId, value)));
    }

    @Override
    public long count() {
        return StoreLayout.size(sessions);
    }

    @Override
    public void putSubscription(String clientId, StoredSubscription subscription) {
        String key = ClientKey.of(clientId, subscription.filter());
        subscriptions.put(key, SessionFormat.subscription(key, subscription.options()));
        file.changed();
    }

    @Override
    public boolean removeSubscription(String clientId, String filter) {
        return file.changed(subscriptions.remove(ClientKey.of(clientId, filter)) != null);
    }

    @Override
    public List<StoredSubscription> subscriptions(String clientId) {
        List<StoredSubscription> out = new ArrayList<>();
        ClientKey.forEachIn(subscriptions, clientId,
                (key, value) -> out.add(SessionFormat.readSubscription(key, value)));
        return out;
    }
}
