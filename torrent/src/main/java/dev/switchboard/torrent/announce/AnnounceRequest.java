package dev.switchboard.torrent.announce;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.PeerId;
import java.util.Objects;

/**
 * One announce as a client sends it, to an HTTP or a UDP tracker. Peers are always asked for in the
 * compact form ({@code compact=1}, BEP 23); the tracker learns our address from the packets, so no
 * {@code ip} is ever sent.
 *
 * @param port the TCP port our peer listens on, 1-65535
 * @param uploaded bytes sent to peers since {@code started}
 * @param downloaded bytes received (and verified) since {@code started}
 * @param left bytes still missing; 0 for a seeder
 * @param numWant peers wanted, {@link #NUMWANT_DEFAULT} for the tracker's default
 * @param key a random number fixed for the session, so a tracker recognises us across IP changes (BEP 7)
 */
public record AnnounceRequest(
        InfoHash infoHash,
        PeerId peerId,
        int port,
        long uploaded,
        long downloaded,
        long left,
        AnnounceEvent event,
        int numWant,
        int key) {

    /** Let the tracker pick how many peers to send. */
    public static final int NUMWANT_DEFAULT = -1;

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded, downloaded and left must not be negative");
        }
        if (numWant < NUMWANT_DEFAULT) {
            throw new IllegalArgumentException("numwant must be -1 (tracker's default) or more, got " + numWant);
        }
    }

    /** The same announce with another event. */
    public AnnounceRequest withEvent(AnnounceEvent newEvent) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, newEvent, numWant, key);
    }
}
