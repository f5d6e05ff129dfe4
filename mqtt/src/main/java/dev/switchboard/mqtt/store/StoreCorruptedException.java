package dev.switchboard.mqtt.store;

import java.nio.file.Path;

/** The store file is damaged or truncated; the broker refuses to start rather than start empty. */
public final class StoreCorruptedException extends StoreException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public StoreCorruptedException(Path file, String problem, Throwable cause) {
        super("store file " + file + " is damaged (" + problem + "); run with --recover to move it aside to "
                + file.getFileName() + ".damaged-<timestamp>, keep every readable entry and report what was dropped",
                cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
