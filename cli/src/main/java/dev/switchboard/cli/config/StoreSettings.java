package dev.switchboard.cli.config;

import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.UsageException;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code mqtt.store} keys of the config file, read and validated into the broker's
 * {@link StoreConfig}: {@code persistence} (memory|file), {@code data-dir}, {@code fsync}
 * (always|periodic|never), {@code commit-interval}, {@code recover}. Not wired into the broker yet:
 * that is the persistence work's to do with {@link #from}.
 */
public final class StoreSettings {
    static final List<String> KEYS = List.of("persistence", "data-dir", "fsync", "commit-interval", "recover");

    private StoreSettings() {
    }

    /** The store settings the file asks for, over {@link StoreConfig}'s defaults. */
    public static StoreConfig from(ConfigFile file) {
        StoreConfig.Builder builder = StoreConfig.builder();
        for (String key : KEYS) {
            file.value("mqtt.store." + key).ifPresent(v -> set(builder, key, v, file));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            int line = file.value("mqtt.store.commit-interval").map(ConfigFile.Value::line).orElse(0);
            throw new UsageException(file.name() + ":" + line + ": mqtt.store: " + e.getMessage());
        }
    }

    private static void set(StoreConfig.Builder builder, String key, ConfigFile.Value v, ConfigFile file) {
        String text = v.text().trim().toLowerCase(Locale.ROOT);
        try {
            switch (key) {
                case "persistence" -> builder.persistence(StoreConfig.Persistence.valueOf(text.toUpperCase(Locale.ROOT)));
                case "data-dir" -> builder.dataDir(Path.of(v.text()));
                case "fsync" -> builder.durability(Durability.valueOf(text.toUpperCase(Locale.ROOT)));
                case "commit-interval" -> builder.commitInterval(DurationConverter.parse(v.text()));
                default -> builder.recover(ConfigApplier.parseBoolean(v.text()));
            }
        } catch (RuntimeException e) {
            String expected = switch (key) {
                case "persistence" -> "memory or file";
                case "fsync" -> "always, periodic or never";
                case "commit-interval" -> "a duration (examples: 500ms, 30s, 5m, 1h)";
                case "recover" -> "true or false";
                default -> "a directory";
            };
            throw new UsageException(file.name() + ":" + v.line() + ": " + v.key() + ": expected " + expected
                    + ", got '" + v.text() + "'");
        }
    }
}
