package dev.switchboard.torrent.wire;

/**
 * A peer broke the peer wire protocol: bytes that are not a valid message, or a valid message that is
 * not allowed in the connection's state. The one exception family of {@code wire} and {@code peer}:
 * codecs and {@code PeerConnection} throw it, the pipeline closes the connection and logs {@link
 * #getMessage()} once. No stack trace is filled in: hostile input must stay cheap to refuse.
 */
public final class PeerWireException extends RuntimeException {
    /** What kind of fault it was, so an engine can tell a broken peer from a slow one. */
    public enum Kind {
        /** Bytes that do not parse: a bad handshake, a wrong length for a message id, spare bits set. */
        MALFORMED,
        /** A length prefix beyond the configured maximum, refused before its body is buffered. */
        TOO_LARGE,
        /** A message id this implementation does not know. */
        UNKNOWN_MESSAGE,
        /** A well-formed message the connection's state does not allow (index out of range, ...). */
        PROTOCOL_VIOLATION,
        /** The peer stayed silent (or did not finish its handshake) for too long. */
        TIMEOUT
    }

    private final Kind kind;

    public PeerWireException(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public static PeerWireException malformed(String reason) {
        return new PeerWireException(Kind.MALFORMED, reason);
    }

    public static PeerWireException violation(String reason) {
        return new PeerWireException(Kind.PROTOCOL_VIOLATION, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The reason in words, as logged when the connection is dropped. */
    public String reason() {
        return getMessage();
    }
}
