package dev.switchboard.mqtt.auth;

import java.nio.file.Path;

/** A password or ACL file that cannot be used; the message is {@code FILE:LINE: reason} (or {@code FILE: reason}). */
public final class AuthFileException extends RuntimeException {
    private final Path file;
    private final int line;

    public AuthFileException(Path file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line of the problem; 0 when it concerns the whole file (unreadable, missing). */
    public int line() {
        return line;
    }
}
