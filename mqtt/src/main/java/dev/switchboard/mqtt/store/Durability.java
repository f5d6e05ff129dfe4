package dev.switchboard.mqtt.store;

import java.util.Locale;

/** When writes reach the disk: the {@code --fsync} setting. */
public enum Durability {
    /**
     * Every write a caller waits for ({@link Commits#durable()}) is committed and synced before the
     * wait ends; commits are batched across clients (group commit).
     */
    ALWAYS,
    /** Committed and synced every commit interval; a crash loses at most that interval. */
    PERIODIC,
    /** Committed when the store closes (and when unsaved changes fill the write buffer). */
    NEVER;

    /** The constant for a flag value: {@code always}, {@code periodic} or {@code never}. */
    public static Durability ofFlag(String flag) {
        for (Durability d : values()) {
            if (d.flag().equals(flag)) {
                return d;
            }
        }
        throw new IllegalArgumentException("--fsync must be always, periodic or never, got '" + flag + "'");
    }

    /** The flag value naming this setting. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
