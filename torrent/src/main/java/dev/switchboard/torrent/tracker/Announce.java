package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.InfoHash;
import java.util.Objects;

/**
 * One announce, whichever protocol carried it (HTTP or UDP).
 *
 * @param numWant peers the client asked for; {@link #NUMWANT_UNSET} when it did not say, any other
 *     value is clamped to the tracker's bounds by {@link TrackerState}
 */
public record Announce(
        InfoHash infoHash,
        PeerId peerId,
        PeerEndpoint endpoint,
        long uploaded,
        long downloaded,
        long left,
        AnnounceEvent event,
        int numWant) {

    public static final int NUMWANT_UNSET = -1;

    public Announce {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(event, "event");
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded, downloaded and left must not be negative");
        }
    }

    /** A peer with nothing left to download. */
    public boolean isSeeder() {
        return left == 0;
    }
}
