package dev.switchboard.torrent.announce;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tracker's answer to an announce that it accepted. A refusal ({@code failure reason} over HTTP,
 * action 3 over UDP) is never a response: it fails the announce with an {@link AnnounceException} of
 * kind {@link AnnounceException.Kind#REFUSED} carrying the tracker's text.
 *
 * @param interval how long to wait before the next regular announce
 * @param minInterval the least time between announces the tracker asks for (HTTP only)
 * @param peers peers to try, resolved addresses, IPv4 (compact {@code peers}, BEP 23) and IPv6
 *     ({@code peers6}, BEP 7, or 18-byte UDP entries) alike, in the tracker's order
 * @param complete seeders in the swarm, when the tracker says
 * @param incomplete leechers in the swarm, when the tracker says
 * @param warningMessage a warning to show the user; the announce still succeeded
 * @param trackerId an id to send back on the next announces to this tracker (BEP 3)
 */
public record AnnounceResponse(
        Duration interval,
        Optional<Duration> minInterval,
        List<InetSocketAddress> peers,
        OptionalInt complete,
        OptionalInt incomplete,
        Optional<String> warningMessage,
        Optional<String> trackerId) {

    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(complete, "complete");
        Objects.requireNonNull(incomplete, "incomplete");
        Objects.requireNonNull(warningMessage, "warningMessage");
        Objects.requireNonNull(trackerId, "trackerId");
        peers = List.copyOf(peers);
    }
}
