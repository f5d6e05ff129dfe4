package dev.switchboard.cli.mqtt;

import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.UsageException;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the broker keeps its state, shared by {@code mqtt serve} and {@code serve}: a store file
 * under --data-dir synced before every acknowledgement by default (docs/durability.md), or
 * nothing kept with --in-memory.
 */
public final class MqttStoreOptions {
    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Directory of the broker's store file broker.mv.db, created when missing (default: ./data).")
    Path dataDir;

    @Option(names = "--fsync", defaultValue = "always", paramLabel = "always|periodic|never",
            converter = FsyncConverter.class,
            description = "When QoS 1/2 state reaches the disk: always (before each PUBACK/PUBREC, commits batched"
                    + " across clients), periodic (every --commit-interval), never (default: ${DEFAULT-VALUE}).")
    Durability fsync;

    @Option(names = "--commit-interval", defaultValue = "1s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often --fsync periodic commits, 10ms to 1h (default: ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(names = "--recover",
            description = "When the store file is damaged: move it aside, keep every readable entry, log what was dropped.")
    boolean recover;

    @Option(names = "--in-memory", description = "Keep sessions and messages on the heap only: nothing survives a stop.")
    boolean inMemory;

    /** The store these flags ask for; IllegalArgumentException (naming the flag) when the builder refuses it. */
    public StoreConfig store() {
        return StoreConfig.builder()
                .persistence(inMemory ? StoreConfig.Persistence.MEMORY : StoreConfig.Persistence.FILE)
                .dataDir(dataDir).durability(fsync).commitInterval(commitInterval).recover(recover).build();
    }

    /** {@code always}, {@code periodic} or {@code never}. */
    static final class FsyncConverter implements ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            try {
                return Durability.ofFlag(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
