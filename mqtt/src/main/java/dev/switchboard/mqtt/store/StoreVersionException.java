package dev.switchboard.mqtt.store;

import java.nio.file.Path;

/** The store file was written in a format this build does not read (a newer Switchboard's). */
public final class StoreVersionException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreVersionException(Path file, String found, int supported) {
        super("store file " + file + " has format version " + found + " but this Switchboard reads version "
                + supported + "; run the Switchboard that wrote it, or start with another --data-dir");
    }
}
