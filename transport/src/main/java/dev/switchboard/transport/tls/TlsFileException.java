package dev.switchboard.transport.tls;

import java.nio.file.Path;

/** A certificate, key or CA file that cannot be used; the message names the file and what is wrong. */
public final class TlsFileException extends RuntimeException {
    public TlsFileException(String role, Path file, String problem) {
        super(role + " " + file + ": " + problem);
    }

    public TlsFileException(String role, Path file, String problem, Throwable cause) {
        super(role + " " + file + ": " + problem, cause);
    }
}
