package dev.switchboard.torrent.strategy;

import java.util.List;

/**
 * What to do after a block arrived ({@link PiecePicker#blockReceived}).
 *
 * @param fresh whether the block is new: write it to storage; false for duplicates, blocks of pieces we
 *     have, and blocks that are not a block of this torrent (drop them)
 * @param pieceComplete whether every block of the piece is now in: verify the piece, then report {@link
 *     PiecePicker#pieceVerified} or {@link PiecePicker#pieceFailed}
 * @param cancelAt the other peers this block was also requested from (end game): send each a {@code cancel}
 * @param <P> the caller's peer handle
 */
public record BlockOutcome<P>(boolean fresh, boolean pieceComplete, List<P> cancelAt) {
    /** Copies the list. */
    public BlockOutcome {
        cancelAt = List.copyOf(cancelAt);
    }

    static <P> BlockOutcome<P> dropped() {
        return new BlockOutcome<>(false, false, List.of());
    }
}
