package dev.switchboard.torrent.announce;

/** A BEP 15 reply as the client receives it, decoded by {@link UdpTrackerCodec}. */
sealed interface UdpReply {
    int transactionId();

    /** Action 0: the connection id to put in the next requests. */
    record Connected(int transactionId, long connectionId) implements UdpReply {
    }

    /** Action 1: the announce was accepted. */
    record Announced(int transactionId, AnnounceResponse response) implements UdpReply {
    }

    /** Action 3: the tracker refused, with its message. */
    record Refused(int transactionId, String message) implements UdpReply {
    }
}
