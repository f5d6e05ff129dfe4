package dev.switchboard.torrent.strategy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link Choker} chooses. The defaults are BEP 3's classic tit-for-tat: {@link #DEFAULT}.
 *
 * @param regularSlots peers unchoked for their rate (4)
 * @param rechokeInterval how often the regular slots are ranked again (10 s)
 * @param optimisticInterval how often the optimistic unchoke moves on (30 s)
 * @param newPeerAge how recently a peer must have connected to count as new (1 minute)
 * @param newPeerWeight how many times likelier a new peer is as the optimistic unchoke (3)
 */
public record ChokerConfig(int regularSlots, Duration rechokeInterval, Duration optimisticInterval,
                           Duration newPeerAge, int newPeerWeight) {
    /** Four regular slots ranked every 10 s, an optimistic unchoke every 30 s, new peers 3x as likely. */
    public static final ChokerConfig DEFAULT =
            new ChokerConfig(4, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), 3);

    /** Checks every value. */
    public ChokerConfig {
        if (regularSlots < 0) {
            throw new IllegalArgumentException("regularSlots must not be negative, got " + regularSlots);
        }
        requirePositive(rechokeInterval, "rechokeInterval");
        requirePositive(optimisticInterval, "optimisticInterval");
        Objects.requireNonNull(newPeerAge, "newPeerAge");
        if (newPeerWeight < 1) {
            throw new IllegalArgumentException("newPeerWeight must be at least 1, got " + newPeerWeight);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
