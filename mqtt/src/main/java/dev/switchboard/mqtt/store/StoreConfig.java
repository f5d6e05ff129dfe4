package dev.switchboard.mqtt.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the broker keeps its state: {@code --persistence}, {@code --data-dir}, {@code --fsync},
 * {@code --commit-interval}, {@code --recover}, and the MVStore page cache. Built by {@link #builder()},
 * which validates.
 *
 * @param persistence {@link Persistence#FILE} (default) or {@link Persistence#MEMORY}
 * @param dataDir where the store file lives, created when missing (default {@code ./data})
 * @param durability when writes reach the disk (default {@link Durability#ALWAYS})
 * @param commitInterval how often {@link Durability#PERIODIC} commits (default 1 s, 10 ms to 1 h)
 * @param recover on a damaged file, copy what is readable into a fresh one instead of refusing
 * @param cacheSizeMiB MVStore's page cache, 1 to 4096 MiB (default 16)
 */
public record StoreConfig(Persistence persistence, Path dataDir, Durability durability, Duration commitInterval,
        boolean recover, int cacheSizeMiB) {

    /** Where the broker's state lives. */
    public enum Persistence {
        /** In the heap: lost when the broker stops. */
        MEMORY,
        /** In an H2 MVStore file under the data directory. */
        FILE
    }

    static final Duration MIN_COMMIT_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_COMMIT_INTERVAL = Duration.ofHours(1);

    public StoreConfig {
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (commitInterval.compareTo(MIN_COMMIT_INTERVAL) < 0 || commitInterval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
            throw new IllegalArgumentException("--commit-interval must be 10ms..1h, got " + commitInterval);
        }
        if (cacheSizeMiB < 1 || cacheSizeMiB > 4096) {
            throw new IllegalArgumentException("store cache size must be 1..4096 MiB, got " + cacheSizeMiB);
        }
    }

    /** The store file under the data directory. */
    public Path file() {
        return dataDir.resolve(StoreLayout.FILE_NAME);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private Persistence persistence = Persistence.FILE;
        private Path dataDir = Path.of("data");
        private Durability durability = Durability.ALWAYS;
        private Duration commitInterval = Duration.ofSeconds(1);
        private boolean recover;
        private int cacheSizeMiB = 16;

        private Builder() {
        }

        public Builder persistence(Persistence value) {
            this.persistence = value;
            return this;
        }

        public Builder dataDir(Path value) {
            this.dataDir = value;
            return this;
        }

        public Builder durability(Durability value) {
            this.durability = value;
            return this;
        }

        public Builder commitInterval(Duration value) {
            this.commitInterval = value;
            return this;
        }

        public Builder recover(boolean value) {
            this.recover = value;
            return this;
        }

        public Builder cacheSizeMiB(int value) {
            this.cacheSizeMiB = value;
            return this;
        }

        public StoreConfig build() {
            return new StoreConfig(persistence, dataDir, durability, commitInterval, recover, cacheSizeMiB);
        }
    }
}
