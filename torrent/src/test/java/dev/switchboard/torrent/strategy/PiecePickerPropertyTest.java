package dev.switchboard.torrent.strategy;

import static dev.switchboard.torrent.strategy.PiecePicker.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.torrent.Bitfield;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever peers announce, deliver, fail and drop, in whatever order: no block of a piece we have is
 * requested, no block is requested from two peers outside end game, and once a seed turns up every
 * block is requested and the download completes.
 */
class PiecePickerPropertyTest {
    private static final int PEERS = 4;

    @Property(tries = 300)
    void everyBlockEventuallyRequestedAndNoCompletePieceAgain(
            @ForAll @IntRange(min = 1, max = 9) int pieces,
            @ForAll @IntRange(min = 1, max = 3) int blocksPerPiece,
            @ForAll @IntRange(min = 1, max = BLOCK_SIZE) int lastBlock,
            @ForAll @IntRange(min = 0, max = 3) int randomFirst,
            @ForAll long seed,
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 10_000) Integer> events) {
        int pieceLength = blocksPerPiece * BLOCK_SIZE;
        long size = (long) (pieces - 1) * pieceLength + (long) (blocksPerPiece - 1) * BLOCK_SIZE + lastBlock;
        Run run = new Run(new PiecePicker<>(size, pieceLength, randomFirst, new Random(seed)), new Random(seed + 1));
        for (int event : events) {
            run.apply(event % 7, event / 7);
        }
        run.drainWithASeed();
        assertThat(run.picker.isComplete()).isTrue();
        assertThat(run.everRequested).hasSize((int) ((size + BLOCK_SIZE - 1) / BLOCK_SIZE));
    }

    /** The picker under test, the requests outstanding per peer, and what it was ever asked for. */
    private static final class Run {
        final PiecePicker<Integer> picker;
        final Random random;
        final Map<Integer, List<BlockRequest>> outstanding = new HashMap<>();
        final Set<BlockRequest> everRequested = new HashSet<>();
        final Set<BlockRequest> received = new HashSet<>();

        Run(PiecePicker<Integer> picker, Random random) {
            this.picker = picker;
            this.random = random;
        }

        void apply(int kind, int argument) {
            int peer = argument % PEERS;
            switch (kind) {
                case 0 -> picker.peerHave(peer, argument % picker.pieceCount());
                case 1 -> picker.peerBitfield(peer, randomBitfield());
                case 2 -> pick(peer, 1 + argument % 6);
                case 3 -> deliverOne(peer, argument, true);
                case 4 -> deliverOne(peer, argument, false); // fails its check if it completes the piece
                case 5 -> {
                    picker.peerDisconnected(peer);
                    outstanding.remove(peer);
                }
                default -> {
                    picker.releaseRequests(peer);
                    outstanding.remove(peer);
                }
            }
            assertThat(picker.outstandingRequests(peer)).isEqualTo(outstanding.getOrDefault(peer, List.of()).size());
        }

        void drainWithASeed() {
            int seed = PEERS;
            picker.peerHaveAll(seed);
            for (int round = 0; round < 1_000 && !picker.isComplete(); round++) {
                pick(seed, 1 + random.nextInt(4));
                deliverOne(seed, random.nextInt(1_000), true);
                if (random.nextInt(3) == 0) {
                    int other = random.nextInt(PEERS);
                    deliverOne(other, random.nextInt(1_000), true);
                }
            }
        }

        private void pick(int peer, int max) {
            boolean endGame = picker.isEndGame();
            List<BlockRequest> picked = picker.pick(peer, max);
            assertThat(picked.size()).isLessThanOrEqualTo(max);
            for (BlockRequest block : picked) {
                assertThat(picker.has(block.piece())).as("requested a block of complete piece %d", block.piece())
                        .isFalse();
                assertThat(received).as("requested a block already received").doesNotContain(block);
                if (!endGame && !picker.isEndGame()) {
                    outstanding.forEach((other, requests) -> assertThat(requests)
                            .as("block requested twice outside end game").doesNotContain(block));
                }
                assertThat(outstanding.getOrDefault(peer, List.of())).as("same block twice from one peer")
                        .doesNotContain(block);
            }
            outstanding.computeIfAbsent(peer, p -> new ArrayList<>()).addAll(picked);
            everRequested.addAll(picked);
        }

        private void deliverOne(int peer, int which, boolean goodData) {
            List<BlockRequest> requests = outstanding.getOrDefault(peer, List.of());
            if (requests.isEmpty()) {
                return;
            }
            BlockRequest block = requests.remove(which % requests.size());
            BlockOutcome<Integer> outcome = picker.blockReceived(peer, block.piece(), block.offset(), block.length());
            for (int other : outcome.cancelAt()) {
                assertThat(outstanding.get(other).remove(block)).as("cancel at a peer never asked").isTrue();
            }
            if (outcome.fresh()) {
                received.add(block);
            }
            if (outcome.pieceComplete()) {
                if (goodData) {
                    picker.pieceVerified(block.piece());
                } else {
                    picker.pieceFailed(block.piece());
                    received.removeIf(b -> b.piece() == block.piece());
                }
            }
        }

        private Bitfield randomBitfield() {
            Bitfield bitfield = new Bitfield(picker.pieceCount());
            for (int piece = 0; piece < picker.pieceCount(); piece++) {
                if (random.nextBoolean()) {
                    bitfield.set(piece);
                }
            }
            return bitfield;
        }
    }
}
