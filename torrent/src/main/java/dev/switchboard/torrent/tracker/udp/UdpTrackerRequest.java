package dev.switchboard.torrent.tracker.udp;

import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import java.util.List;

/** A BEP 15 request as the tracker receives it, decoded by {@link UdpTrackerDecoder}. */
public sealed interface UdpTrackerRequest {
    int transactionId();

    /** Action 0: {@code protocol_id (0x41727101980), action, transaction_id}; 16 bytes. */
    record ConnectRequest(int transactionId) implements UdpTrackerRequest {
    }

    /**
     * Action 1, 98 bytes (plus BEP 41 options, which are checked and ignored).
     *
     * @param ipAddress the IPv4 address the client claims, 0 for "the sender's"; ignored by the tracker
     * @param numWant -1 for the tracker's default
     */
    record AnnounceRequest(long connectionId, int transactionId, InfoHash infoHash, PeerId peerId,
            long downloaded, long left, long uploaded, AnnounceEvent event, int ipAddress, int key,
            int numWant, int port) implements UdpTrackerRequest {
    }

    /** Action 2: 16 bytes then 20 for each info-hash. */
    record ScrapeRequest(long connectionId, int transactionId, List<InfoHash> infoHashes)
            implements UdpTrackerRequest {
        public ScrapeRequest {
            infoHashes = List.copyOf(infoHashes);
        }
    }
}
