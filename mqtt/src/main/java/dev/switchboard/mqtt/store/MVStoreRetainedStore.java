package dev.switchboard.mqtt.store;

import java.util.Optional;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;

/** {@link RetainedStore} in the store file: map {@code retained}, keyed by topic. */
public final class MVStoreRetainedStore implements RetainedStore {
    private final StoreFile file;
    private final MVMap<String, byte[]> retained;

    public MVStoreRetainedStore(StoreFile file) {
        this.file = file;
        this.retained = file.map(StoreLayout.RETAINED);
    }

    @Override
    public void put(RetainedMessage message) {
        retained.put(message.topic(), MessageFormat.retained(message));
        file.changed();
    }

    @Override
    public Optional<RetainedMessage> get(String topic) {
        byte[] value = retained.get(topic);
        return value == null ? Optional.empty() : Optional.of(MessageFormat.readRetained(topic, value));
    }

    @Override
    public boolean remove(String topic) {
        return file.changed(retained.remove(topic) != null);
    }

    @Override
    public void forEach(Consumer<RetainedMessage> action) {
        StoreLayout.forEach(retained, (topic, value) -> action.accept(MessageFormat.readRetained(topic, value)));
    }

    @Override
    public long count() {
        return StoreLayout.size(retained);
    }
}
