package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndGameTimingTest {
    private final SettableClock clock = new SettableClock();

    @Test
    void theLastOnePercentOfPiecesIsTimedFromTheFirstBlock() {
        EndGameTiming timing = new EndGameTiming(clock, 500); // 1% = 5 pieces
        clock.advance(Duration.ofSeconds(3)); // before the first block: not part of the transfer
        timing.blockArrived();
        for (int i = 0; i < 495; i++) {
            clock.advance(Duration.ofMillis(20));
            assertThat(timing.pieceVerified()).isNull();
        }
        // 495 verified after 9.9 s: the last 5 take 2.1 s, a stall
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMillis(100));
            assertThat(timing.pieceVerified()).isNull();
        }
        clock.advance(Duration.ofMillis(1700));
        EndGameTiming.Tail tail = timing.pieceVerified();

        assertThat(tail.pieces()).isEqualTo(5);
        assertThat(tail.tail()).isEqualTo(Duration.ofMillis(2100));
        assertThat(tail.transfer()).isEqualTo(Duration.ofMillis(12_000));
        assertThat(tail.share()).isEqualTo(0.175);
    }

    @Test
    void aSmallTorrentsTailIsAtLeastOnePieceAndSharesItsStartWithTheTransfer() {
        EndGameTiming timing = new EndGameTiming(clock, 1);
        timing.blockArrived();
        clock.advance(Duration.ofMillis(40));
        EndGameTiming.Tail tail = timing.pieceVerified();

        assertThat(tail.pieces()).isEqualTo(1);
        assertThat(tail.tail()).isEqualTo(Duration.ofMillis(40)).isEqualTo(tail.transfer());
        assertThat(tail.share()).isEqualTo(1.0);
    }

    @Test
    void piecesFoundOnDiskCountTowardsCompletionButNotTheTransferTime() {
        EndGameTiming timing = new EndGameTiming(clock, 200); // 1% = 2 pieces
        timing.alreadyVerified(199);
        clock.advance(Duration.ofSeconds(5));
        timing.blockArrived();
        clock.advance(Duration.ofMillis(30));
        EndGameTiming.Tail tail = timing.pieceVerified();

        assertThat(tail.tail()).isEqualTo(Duration.ofMillis(30)).isEqualTo(tail.transfer());
    }

    @Test
    void anInstantTransferHasNoShare() {
        EndGameTiming timing = new EndGameTiming(clock, 1);
        EndGameTiming.Tail tail = timing.pieceVerified();

        assertThat(tail.transfer()).isZero();
        assertThat(tail.share()).isZero();
    }
}
