package dev.switchboard.torrent.announce;

import java.util.Objects;

/**
 * An announce that did not succeed, with the reason in words a user can act on. The one exception
 * family of this package: {@link #kind()} says whether to blame the tracker's policy, its reply, or
 * the network.
 */
public class AnnounceException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** The tracker refused: HTTP {@code failure reason} or UDP error (action 3); the message is its text. */
        REFUSED,
        /** The reply broke the protocol: bad bencode, missing or mistyped keys, wrong sizes, too large. */
        MALFORMED,
        /** No (usable) reply in time, after every retransmission. */
        TIMEOUT,
        /** The tracker could not be reached or answered with an HTTP error status. */
        UNREACHABLE
    }

    private final Kind kind;

    public AnnounceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public AnnounceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** A tracker's refusal text, made safe to log and show: control characters replaced, at most 200 characters. */
    static AnnounceException refused(String trackerText) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < trackerText.length() && text.length() < 200; i++) {
            char c = trackerText.charAt(i);
            text.append(c >= 0x20 && c != 0x7f ? c : '?');
        }
        return new AnnounceException(Kind.REFUSED, text.toString());
    }

    /** Unwraps {@link java.util.concurrent.CompletionException} layers to the announce failure inside. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
