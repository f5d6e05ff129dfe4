package dev.switchboard.mqtt.store;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The set of stores a broker runs on, and what closes them.
 *
 * @param file the store file, empty for {@link StoreConfig.Persistence#MEMORY}
 * @param recovery what {@code --recover} did, when it found damage
 */
public record BrokerStores(SessionStore sessions, MessageQueueStore queues, InflightStore inflight,
        RetainedStore retained, Commits commits, Optional<StoreFile> file, Optional<RecoveryReport> recovery)
        implements AutoCloseable {

    public BrokerStores {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(inflight, "inflight");
        Objects.requireNonNull(retained, "retained");
        Objects.requireNonNull(commits, "commits");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(recovery, "recovery");
    }

    /** Heap stores: nothing survives the broker. */
    public static BrokerStores inMemory() {
        return new BrokerStores(new MemorySessionStore(), new MemoryMessageQueueStore(), new MemoryInflightStore(),
                new MemoryRetainedStore(), Commits.immediate(), Optional.empty(), Optional.empty());
    }

    /**
     * The stores {@code config} asks for. For a file: a damaged one is refused with a
     * {@link StoreCorruptedException}, or with {@link StoreConfig#recover()} repaired first.
     */
    public static BrokerStores open(StoreConfig config, Clock clock) {
        if (config.persistence() == StoreConfig.Persistence.MEMORY) {
            return inMemory();
        }
        StoreFile file;
        Optional<RecoveryReport> recovery = Optional.empty();
        try {
            file = StoreFile.open(config);
        } catch (StoreCorruptedException e) {
            if (!config.recover()) {
                throw e;
            }
            recovery = Optional.of(StoreRecovery.recover(config, clock));
            file = StoreFile.open(config);
        }
        return new BrokerStores(new MVStoreSessionStore(file), new MVStoreMessageQueueStore(file),
                new MVStoreInflightStore(file), new MVStoreRetainedStore(file), file.commits(), Optional.of(file),
                recovery);
    }

    @Override
    public void close() {
        file.ifPresentOrElse(StoreFile::close, commits::close);
    }
}
