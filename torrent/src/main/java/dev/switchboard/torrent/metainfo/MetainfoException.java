package dev.switchboard.torrent.metainfo;

/**
 * A .torrent that is not acceptable, or a source that cannot become one: a missing or ill-typed key,
 * piece hashes that do not fit the content, a file path that would escape the download directory.
 * The message names the key or path at fault, e.g. {@code "info.files[2].path: unsafe path
 * '../etc/passwd': component '..' would escape the output directory"}.
 */
public final class MetainfoException extends RuntimeException {

    /** Creates an exception with {@code message}, which names what is wrong. */
    public MetainfoException(String message) {
        super(message);
    }

    /** Creates an exception with {@code message} caused by {@code cause}. */
    public MetainfoException(String message, Throwable cause) {
        super(message, cause);
    }
}
