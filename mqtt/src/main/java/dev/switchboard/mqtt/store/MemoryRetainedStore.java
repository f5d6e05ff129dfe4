package dev.switchboard.mqtt.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** {@link RetainedStore} on the heap: gone when the broker stops. */
public final class MemoryRetainedStore implements RetainedStore {
    private final Map<String, RetainedMessage> retained = new ConcurrentHashMap<>();

    @Override
    public void put(RetainedMessage message) {
        retained.put(message.topic(), message);
    }

    @Override
    public Optional<RetainedMessage> get(String topic) {
        return Optional.ofNullable(retained.get(topic));
    }

    @Override
    public boolean remove(String topic) {
        return retained.remove(topic) != null;
    }

    @Override
    public void forEach(Consumer<RetainedMessage> action) {
        retained.values().forEach(action);
    }

    @Override
    public long count() {
        return retained.size();
    }
}
