package dev.switchboard.torrent.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** After any sequence of changes the order holds exactly the missing pieces, rarest first. */
class AvailabilityOrderPropertyTest {

    @Property(tries = 500)
    void staysSortedAndHoldsExactlyTheMissingPieces(
            @ForAll @IntRange(min = 1, max = 20) int pieces,
            @ForAll long seed,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 10_000) Integer> changes) {
        AvailabilityOrder order = new AvailabilityOrder(pieces, new Random(seed));
        int[] model = new int[pieces];
        Set<Integer> missing = new HashSet<>();
        for (int piece = 0; piece < pieces; piece++) {
            missing.add(piece);
        }
        for (int change : changes) {
            int piece = (change / 3) % pieces;
            switch (change % 3) {
                case 0 -> {
                    order.increment(piece);
                    model[piece]++;
                }
                case 1 -> {
                    if (model[piece] > 0) {
                        order.decrement(piece);
                        model[piece]--;
                    }
                }
                default -> {
                    order.remove(piece);
                    missing.remove(piece);
                }
            }
            Set<Integer> seen = new HashSet<>();
            for (int rank = 0; rank < order.size(); rank++) {
                int at = order.pieceAt(rank);
                seen.add(at);
                if (rank > 0) {
                    assertThat(order.availability(at)).isGreaterThanOrEqualTo(order.availability(order.pieceAt(rank - 1)));
                }
            }
            assertThat(seen).isEqualTo(missing);
            for (int p = 0; p < pieces; p++) {
                assertThat(order.availability(p)).isEqualTo(model[p]);
            }
        }
    }
}
