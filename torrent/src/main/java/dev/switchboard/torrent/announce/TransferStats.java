package dev.switchboard.torrent.announce;

/**
 * What a torrent has moved so far in this session, as the engine counts it, for the
 * {@code uploaded}, {@code downloaded} and {@code left} of each announce.
 */
public record TransferStats(long uploaded, long downloaded, long left) {
    public TransferStats {
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded, downloaded and left must not be negative");
        }
    }
}
