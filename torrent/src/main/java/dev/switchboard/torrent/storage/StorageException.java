package dev.switchboard.torrent.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Torrent data could not be stored or read: the disk is full, a file cannot be written, a path would
 * leave the download directory, or the hashing queue is full. The message is one line naming the file,
 * e.g. {@code "disk full writing /downloads/album/01.flac: No space left on device"}; {@link #reason()}
 * says which kind of failure it is, so the caller can stop the torrent on a full disk but retry later
 * when busy. A piece whose write or check failed is never marked complete.
 */
public final class StorageException extends RuntimeException {
    /** What went wrong. */
    public enum Reason {
        /** No space left on the device, or the user's disk quota is used up. */
        DISK_FULL,
        /** Any other failed read or write. */
        IO_ERROR,
        /** A file's path would resolve outside the download directory, or a directory stands in its way. */
        UNSAFE_PATH,
        /** The piece verifier's queue is full; try again after some checks have finished. */
        BUSY
    }

    private final Reason reason;

    /** Creates an exception of kind {@code reason} with a one-line {@code message}. */
    public StorageException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Creates an exception of kind {@code reason} with a one-line {@code message}, caused by {@code cause}. */
    public StorageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns the failure to write {@code file}: {@link Reason#DISK_FULL} when the device or quota is full. */
    static StorageException writing(Path file, IOException cause) {
        String detail = detail(cause);
        if (isDiskFull(detail)) {
            return new StorageException(Reason.DISK_FULL, "disk full writing " + file + ": " + detail, cause);
        }
        return new StorageException(Reason.IO_ERROR, "I/O error writing " + file + ": " + detail, cause);
    }

    /** Returns the failure to read {@code file}. */
    static StorageException reading(Path file, IOException cause) {
        return new StorageException(Reason.IO_ERROR, "I/O error reading " + file + ": " + detail(cause), cause);
    }

    private static String detail(IOException cause) {
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (cause instanceof FileSystemException) {
            return cause.getClass().getSimpleName();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static boolean isDiskFull(String detail) {
        return detail.contains("No space left on device") || detail.contains("Disk quota exceeded")
                || detail.contains("There is not enough space on the disk");
    }

    /** Returns what went wrong. */
    public Reason reason() {
        return reason;
    }
}
