package dev.switchboard.torrent.tracker;

import java.time.Duration;
import java.util.List;

/**
 * The tracker's answer to an announce, whichever protocol carries it back.
 *
 * @param interval when the client should announce again
 * @param seeders peers with nothing left, the requester included
 * @param leechers peers still downloading, the requester included
 * @param peers a random choice of other peers, at most the number the client may have
 */
public record AnnounceResult(Duration interval, int seeders, int leechers, List<Peer> peers) {
    public AnnounceResult {
        peers = List.copyOf(peers);
    }
}
