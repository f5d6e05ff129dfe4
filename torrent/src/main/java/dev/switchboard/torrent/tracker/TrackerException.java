package dev.switchboard.torrent.tracker;

/**
 * A request the tracker refuses, with the reason in words a user can act on. HTTP sends the message
 * as the bencoded {@code failure reason}; UDP as an error (action 3). The one exception family of the
 * tracker: codecs and the swarm registry throw it, each protocol maps it once.
 */
public class TrackerException extends RuntimeException {
    public TrackerException(String reason) {
        super(reason, null, false, false);
    }

    /** The text sent to the client. */
    public String reason() {
        return getMessage();
    }
}
