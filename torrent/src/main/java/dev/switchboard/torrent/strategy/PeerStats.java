package dev.switchboard.torrent.strategy;

import java.time.Instant;
import java.util.Objects;

/**
 * What the {@link Choker} knows of one connected peer at one moment.
 *
 * @param peer the caller's peer handle
 * @param interested whether the peer is interested in what we have (only interested peers are unchoked)
 * @param downloadRate bytes per second we receive from it, which ranks peers while we download
 * @param uploadRate bytes per second we send to it, which ranks peers while we seed
 * @param connectedAt when it connected; recent peers are likelier optimistic unchokes
 * @param <P> the caller's peer handle
 */
public record PeerStats<P>(P peer, boolean interested, long downloadRate, long uploadRate, Instant connectedAt) {
    /** Checks for nulls and negative rates. */
    public PeerStats {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(connectedAt, "connectedAt");
        if (downloadRate < 0 || uploadRate < 0) {
            throw new IllegalArgumentException("negative rate for " + peer);
        }
    }
}
