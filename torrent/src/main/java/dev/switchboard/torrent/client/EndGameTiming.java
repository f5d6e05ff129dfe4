package dev.switchboard.torrent.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Times the tail of a download: from the first block that arrives to the last piece verified, and how
 * much of that the last 1% of the pieces took (at least one piece). A tail far above 1% of the transfer
 * is an end-game stall: the last pieces wait on a slow or silent peer. Used on the torrent's loop only.
 */
final class EndGameTiming {
    /** The outcome once the last piece is verified. */
    record Tail(int pieces, Duration tail, Duration transfer) {
        /** The tail's share of the transfer, 0..1 (0 for an instant transfer). */
        double share() {
            return transfer.isZero() ? 0 : (double) tail.toNanos() / transfer.toNanos();
        }
    }

    private final Clock clock;
    private final int pieceCount;
    private final int tailPieces;
    private int verified;
    private Instant firstBlock;
    private Instant tailStart;

    EndGameTiming(Clock clock, int pieceCount) {
        this.clock = clock;
        this.pieceCount = pieceCount;
        this.tailPieces = Math.max(1, (pieceCount + 99) / 100);
    }

    /** Pieces that were verified before any transfer (the resume check). */
    void alreadyVerified(int pieces) {
        verified += pieces;
    }

    void blockArrived() {
        if (firstBlock == null) {
            firstBlock = clock.instant();
            if (verified >= pieceCount - tailPieces) {
                tailStart = firstBlock;
            }
        }
    }

    /** A piece passed its check; the outcome when it was the last one, else null. */
    Tail pieceVerified() {
        verified++;
        Instant now = clock.instant();
        if (firstBlock == null) {
            firstBlock = now;
        }
        if (tailStart == null && verified >= pieceCount - tailPieces) {
            tailStart = now;
        }
        if (verified < pieceCount) {
            return null;
        }
        return new Tail(tailPieces, Duration.between(tailStart, now), Duration.between(firstBlock, now));
    }
}
