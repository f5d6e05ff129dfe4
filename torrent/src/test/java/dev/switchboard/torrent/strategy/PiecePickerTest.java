package dev.switchboard.torrent.strategy;

import static dev.switchboard.torrent.strategy.PiecePicker.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.Bitfield;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which blocks the picker asks which peer for, and how it reacts to arrivals, failures and departures. */
class PiecePickerTest {
    private static final int PIECE = 4 * BLOCK_SIZE;

    @Test
    void blocksCoverEachPieceAndTheLastBlockIsShorter() {
        PiecePicker<String> picker = new PiecePicker<>(PIECE + BLOCK_SIZE + 100, PIECE, 0, new Random(1));
        picker.peerHaveAll("seed");
        List<BlockRequest> all = picker.pick("seed", 100);
        assertThat(all).containsExactlyInAnyOrder(
                new BlockRequest(0, 0, BLOCK_SIZE), new BlockRequest(0, BLOCK_SIZE, BLOCK_SIZE),
                new BlockRequest(0, 2 * BLOCK_SIZE, BLOCK_SIZE), new BlockRequest(0, 3 * BLOCK_SIZE, BLOCK_SIZE),
                new BlockRequest(1, 0, BLOCK_SIZE), new BlockRequest(1, BLOCK_SIZE, 100));
        assertThat(picker.outstandingRequests("seed")).isEqualTo(6);
        assertThat(picker.pick("seed", 100)).isEmpty(); // nothing unrequested, and a lone peer has no duplicates to add
    }

    @Test
    void rarestPieceFirst() {
        PiecePicker<String> picker = new PiecePicker<>(8L * PIECE, PIECE, 0, new Random(2));
        picker.peerHaveAll("a");
        picker.peerHaveAll("b");
        Bitfield c = Bitfield.full(8);
        c.clear(5);
        picker.peerBitfield("c", c);
        picker.peerHave("d", 3);
        // availability: piece 5 -> 2 (a, b), piece 3 -> 4, others -> 3
        assertThat(picker.availability(5)).isEqualTo(2);
        assertThat(picker.pick("a", 4)).extracting(BlockRequest::piece).containsOnly(5);
        assertThat(picker.pick("a", 4)).extracting(BlockRequest::piece).doesNotContain(3, 5);
    }

    @Test
    void rarestTiesBrokenAtRandom() {
        Set<Integer> firstPieces = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            PiecePicker<String> picker = new PiecePicker<>(16L * PIECE, PIECE, 0, new Random(seed));
            picker.peerHaveAll("a");
            firstPieces.add(picker.pick("a", 1).get(0).piece());
        }
        assertThat(firstPieces).hasSizeGreaterThan(5);
    }

    @Test
    void randomFirstPiecesBeforeRarestFirst() {
        Set<Integer> randomStarts = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            PiecePicker<String> picker = new PiecePicker<>(16L * PIECE, PIECE, 4, new Random(seed));
            picker.peerHaveAll("a");
            picker.peerHave("b", 9);
            for (int piece = 0; piece < 16; piece++) {
                if (piece != 7) {
                    picker.peerHave("c", piece); // piece 7 is the rarest (a only)
                }
            }
            randomStarts.add(picker.pick("a", 1).get(0).piece());
            picker.havePieces(bitfield(16, 10, 11, 12, 13)); // four complete: rarest first from now on
            picker.releaseRequests("a");
            assertThat(picker.pick("a", 1).get(0).piece()).isEqualTo(7);
        }
        assertThat(randomStarts).hasSizeGreaterThan(3); // not always the rarest piece 7
    }

    @Test
    void startedPiecesAreFinishedFirst() {
        PiecePicker<String> picker = new PiecePicker<>(8L * PIECE, PIECE, 0, new Random(3));
        picker.peerHaveAll("a");
        picker.peerHaveAll("b");
        int started = picker.pick("a", 1).get(0).piece();
        assertThat(picker.pick("b", 3)).extracting(BlockRequest::piece).containsOnly(started);
    }

    @Test
    void endGameDuplicatesRequestsAndReportsCancels() {
        PiecePicker<String> picker = new PiecePicker<>(2L * BLOCK_SIZE, PIECE, 0, new Random(4));
        picker.peerHaveAll("a");
        picker.peerHaveAll("b");
        assertThat(picker.isEndGame()).isFalse();
        List<BlockRequest> fromA = picker.pick("a", 10);
        assertThat(fromA).hasSize(2);
        assertThat(picker.isEndGame()).isTrue();
        assertThat(picker.pick("b", 10)).containsExactlyElementsOf(reversed(fromA));
        assertThat(picker.pick("b", 10)).isEmpty(); // one duplicate per peer

        BlockOutcome<String> first = picker.blockReceived("a", 0, 0, BLOCK_SIZE);
        assertThat(first).isEqualTo(new BlockOutcome<>(true, false, List.of("b")));
        assertThat(picker.outstandingRequests("b")).isEqualTo(1);
        BlockOutcome<String> late = picker.blockReceived("b", 0, 0, BLOCK_SIZE);
        assertThat(late.fresh()).isFalse();
        BlockOutcome<String> last = picker.blockReceived("b", 0, BLOCK_SIZE, BLOCK_SIZE);
        assertThat(last).isEqualTo(new BlockOutcome<>(true, true, List.of("a")));
        assertThat(picker.outstandingRequests("a")).isZero();
        assertThat(picker.outstandingRequests("b")).isZero();
    }

    @Test
    void endGameDuplicatesStartFromTheBlocksRequestedLast() {
        PiecePicker<String> picker = new PiecePicker<>(2L * PIECE, PIECE, 0, new Random(6));
        picker.peerHaveAll("a");
        picker.peerHaveAll("b");
        List<BlockRequest> fromA = picker.pick("a", 8); // both pieces, in the order "a" will send them
        assertThat(picker.isEndGame()).isTrue();

        List<BlockRequest> fromB = picker.pick("b", 3);

        assertThat(fromB).containsExactlyElementsOf(reversed(fromA).subList(0, 3));
        assertThat(picker.pick("b", 8)).containsExactlyElementsOf(reversed(fromA).subList(3, 8));
    }

    private static List<BlockRequest> reversed(List<BlockRequest> requests) {
        List<BlockRequest> copy = new ArrayList<>(requests);
        Collections.reverse(copy);
        return copy;
    }

    @Test
    void failedPieceIsMissingAgain() {
        PiecePicker<String> picker = new PiecePicker<>(PIECE, PIECE, 0, new Random(5));
        picker.peerHaveAll("a");
        List<BlockRequest> blocks = picker.pick("a", 10);
        BlockOutcome<String> outcome = null;
        for (BlockRequest block : blocks) {
            outcome = picker.blockReceived("a", block.piece(), block.offset(), block.length());
        }
        assertThat(outcome.pieceComplete()).isTrue();
        assertThat(picker.pick("a", 10)).isEmpty();
        picker.pieceFailed(0);
        assertThat(picker.pick("a", 10)).containsExactlyElementsOf(blocks);
    }

    @Test
    void verifiedPieceIsNeverRequestedAgain() {
        PiecePicker<String> picker = new PiecePicker<>(2L * PIECE, PIECE, 0, new Random(6));
        picker.peerHaveAll("a");
        picker.pieceVerified(1);
        assertThat(picker.pick("a", 100)).extracting(BlockRequest::piece).containsOnly(0);
        assertThat(picker.blockReceived("a", 1, 0, BLOCK_SIZE).fresh()).isFalse();
        assertThat(picker.has(1)).isTrue();
        assertThat(picker.completed().cardinality()).isEqualTo(1);
    }

    @Test
    void disconnectFreesItsBlocksAndItsAvailability() {
        PiecePicker<String> picker = new PiecePicker<>(PIECE, PIECE, 0, new Random(7));
        picker.peerHaveAll("a");
        picker.peerHaveAll("b");
        List<BlockRequest> fromA = picker.pick("a", 2);
        picker.peerDisconnected("a");
        assertThat(picker.availability(0)).isEqualTo(1);
        assertThat(picker.outstandingRequests("a")).isZero();
        assertThat(picker.pick("b", 10)).hasSize(4).containsAll(fromA);
    }

    @Test
    void chokeAndRejectFreeBlocks() {
        PiecePicker<String> picker = new PiecePicker<>(PIECE, PIECE, 0, new Random(8));
        picker.peerHaveAll("a");
        List<BlockRequest> blocks = picker.pick("a", 4);
        picker.requestRejected("a", blocks.get(2));
        assertThat(picker.pick("a", 4)).containsExactly(blocks.get(2));
        picker.releaseRequests("a");
        assertThat(picker.pick("a", 4)).containsExactlyInAnyOrderElementsOf(blocks);
    }

    @Test
    void blocksThatAreNotBlocksOfThisTorrentDropped() {
        PiecePicker<String> picker = new PiecePicker<>(PIECE + 100, PIECE, 0, new Random(9));
        picker.peerHaveAll("a");
        assertThat(picker.blockReceived("a", 2, 0, BLOCK_SIZE).fresh()).isFalse();      // no piece 2
        assertThat(picker.blockReceived("a", 0, 100, BLOCK_SIZE).fresh()).isFalse();    // not on a block boundary
        assertThat(picker.blockReceived("a", 0, 0, 100).fresh()).isFalse();             // wrong length
        assertThat(picker.blockReceived("a", 1, 0, BLOCK_SIZE).fresh()).isFalse();      // last piece is 100 bytes
        assertThat(picker.blockReceived("a", 0, PIECE, BLOCK_SIZE).fresh()).isFalse();  // past the piece
        assertThat(picker.blockReceived("a", -1, 0, BLOCK_SIZE).fresh()).isFalse();
        assertThat(picker.blockReceived("a", 1, 0, 100)).isEqualTo(new BlockOutcome<>(true, true, List.of()));
    }

    @Test
    void interestFollowsWhatWeLack() {
        PiecePicker<String> picker = new PiecePicker<>(2L * PIECE, PIECE, 0, new Random(10));
        picker.peerHave("a", 1);
        assertThat(picker.isInteresting("a")).isTrue();
        picker.pieceVerified(1);
        assertThat(picker.isInteresting("a")).isFalse();
        assertThat(picker.isInteresting("nobody")).isFalse();
        assertThatThrownBy(() -> picker.peerBitfield("a", new Bitfield(3)))
                .hasMessage("bitfield of 3 pieces for a torrent of 2");
    }

    @Test
    void tenGibibytesOfSmallPiecesDownloadWithoutPerByteState() {
        int pieceLength = 256 * 1024;
        long size = 40_960L * pieceLength;
        PiecePicker<String> picker = new PiecePicker<>(size, pieceLength, new Random(11));
        picker.peerHaveAll("seed");
        picker.peerHave("partial", 40_000);
        long blocks = 0;
        while (!picker.isComplete()) {
            List<BlockRequest> batch = picker.pick("seed", 256);
            assertThat(batch).isNotEmpty();
            for (BlockRequest block : batch) {
                blocks++;
                if (picker.blockReceived("seed", block.piece(), block.offset(), block.length()).pieceComplete()) {
                    picker.pieceVerified(block.piece());
                }
            }
        }
        assertThat(blocks).isEqualTo(size / BLOCK_SIZE);
        assertThat(picker.completed().isComplete()).isTrue();
    }

    private static Bitfield bitfield(int count, int... pieces) {
        Bitfield bitfield = new Bitfield(count);
        for (int piece : pieces) {
            bitfield.set(piece);
        }
        return bitfield;
    }
}
