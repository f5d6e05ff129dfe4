package dev.switchboard.torrent.tracker.udp;

import dev.switchboard.torrent.tracker.TrackerException;

/**
 * A datagram that is not a valid BEP 15 request. When it was long enough to carry a transaction id
 * the tracker answers with an error (action 3) under that id; a shorter one cannot be answered in a
 * way the sender would recognise, and is dropped.
 */
public final class UdpTrackerDecodeException extends TrackerException {
    private final boolean hasTransactionId;
    private final int transactionId;

    private UdpTrackerDecodeException(String reason, boolean hasTransactionId, int transactionId) {
        super(reason);
        this.hasTransactionId = hasTransactionId;
        this.transactionId = transactionId;
    }

    static UdpTrackerDecodeException unanswerable(String reason) {
        return new UdpTrackerDecodeException(reason, false, 0);
    }

    static UdpTrackerDecodeException of(int transactionId, String reason) {
        return new UdpTrackerDecodeException(reason, true, transactionId);
    }

    public boolean hasTransactionId() {
        return hasTransactionId;
    }

    public int transactionId() {
        return transactionId;
    }
}
