package dev.switchboard.torrent.tracker.udp;

import dev.switchboard.torrent.tracker.PeerEndpoint;
import dev.switchboard.torrent.tracker.ScrapeStats;
import java.util.List;

/** A BEP 15 response, encoded by {@link UdpTrackerEncoder}. */
public sealed interface UdpTrackerResponse {
    int transactionId();

    /** Action 0: {@code action, transaction_id, connection_id}; 16 bytes. */
    record ConnectResponse(int transactionId, long connectionId) implements UdpTrackerResponse {
    }

    /**
     * Action 1: 20 bytes, then 6 bytes a peer over IPv4 or 18 over IPv6 (all peers of one family:
     * the family of the socket the request came in on).
     */
    record AnnounceResponse(int transactionId, int intervalSeconds, int leechers, int seeders,
            List<PeerEndpoint> peers) implements UdpTrackerResponse {
        public AnnounceResponse {
            peers = List.copyOf(peers);
        }
    }

    /** Action 2: 8 bytes, then {@code seeders, completed, leechers} for each info-hash asked, in order. */
    record ScrapeResponse(int transactionId, List<ScrapeStats> stats) implements UdpTrackerResponse {
        public ScrapeResponse {
            stats = List.copyOf(stats);
        }
    }

    /** Action 3: 8 bytes, then the message as ASCII. */
    record ErrorResponse(int transactionId, String message) implements UdpTrackerResponse {
    }
}
