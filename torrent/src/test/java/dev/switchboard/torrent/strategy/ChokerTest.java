package dev.switchboard.torrent.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tit-for-tat slots, the optimistic unchoke and its rotation, on a settable clock. */
class ChokerTest {
    private final SettableClock clock = new SettableClock();
    private final Instant longAgo = clock.instant().minus(Duration.ofHours(1));

    @Test
    void leechingUnchokesTheFourFastestUploadersToUsPlusOneOptimistic() {
        Choker<String> choker = new Choker<>(clock, new Random(1));
        List<PeerStats<String>> peers = List.of(
                leecher("slow", 10), leecher("a", 500), leecher("b", 400), leecher("c", 300),
                leecher("d", 200), leecher("e", 100), new PeerStats<>("rich-but-bored", false, 9_999, 0, longAgo));
        Set<String> unchoked = choker.unchoked(peers, false);
        assertThat(unchoked).hasSize(5).contains("a", "b", "c", "d").doesNotContain("rich-but-bored");
        assertThat(choker.optimistic()).get().isIn("slow", "e");
    }

    @Test
    void seedingRanksByOurUploadToThem() {
        Choker<String> choker = new Choker<>(new ChokerConfig(2, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1), 3), clock, new Random(2));
        List<PeerStats<String>> peers = List.of(
                new PeerStats<>("x", true, 900, 1, longAgo), new PeerStats<>("y", true, 0, 50, longAgo),
                new PeerStats<>("z", true, 0, 70, longAgo), new PeerStats<>("w", true, 800, 2, longAgo));
        assertThat(choker.unchoked(peers, true)).startsWith("z", "y").hasSize(3);
    }

    @Test
    void onlyInterestedPeersAndNoOptimisticWhenAllFit() {
        Choker<String> choker = new Choker<>(clock, new Random(3));
        List<PeerStats<String>> peers = List.of(leecher("a", 1), leecher("b", 2),
                new PeerStats<>("idle", false, 0, 0, longAgo));
        assertThat(choker.unchoked(peers, false)).containsExactlyInAnyOrder("a", "b");
        assertThat(choker.optimistic()).isEmpty();
        assertThat(choker.unchoked(List.of(), false)).isEmpty();
    }

    @Test
    void rankingKeptUntilTheIntervalThenRedone() {
        Choker<String> choker = new Choker<>(new ChokerConfig(1, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1), 3), clock, new Random(4));
        assertThat(choker.unchoked(List.of(leecher("a", 100), leecher("b", 1)), false)).startsWith("a");
        assertThat(choker.nextRanking()).isEqualTo(clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(9));
        List<PeerStats<String>> bFaster = List.of(leecher("a", 1), leecher("b", 100), leecher("c", 0));
        assertThat(choker.unchoked(bFaster, false)).startsWith("a");
        clock.advance(Duration.ofSeconds(1));
        assertThat(choker.unchoked(bFaster, false)).startsWith("b");
    }

    @Test
    void regularSlotFreedByALeavingPeerIsFilledAtOnce() {
        Choker<String> choker = new Choker<>(clock, new Random(5));
        choker.unchoked(List.of(leecher("a", 5), leecher("b", 4), leecher("c", 3), leecher("d", 2), leecher("e", 1)),
                false);
        Set<String> after = choker.unchoked(List.of(leecher("b", 4), leecher("c", 3), leecher("d", 2),
                leecher("e", 1), leecher("f", 0)), false);
        assertThat(after).contains("b", "c", "d", "e").doesNotContain("a");
    }

    @Test
    void optimisticUnchokeRotatesEveryThirtySeconds() {
        Choker<String> choker = new Choker<>(new ChokerConfig(1, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1), 3), clock, new Random(6));
        List<PeerStats<String>> peers = List.of(leecher("top", 100), leecher("p", 0), leecher("q", 0), leecher("r", 0));
        choker.unchoked(peers, false);
        String first = choker.optimistic().orElseThrow();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(10));
            choker.unchoked(peers, false);
            assertThat(choker.optimistic()).contains(first);
        }
        clock.advance(Duration.ofSeconds(10));
        choker.unchoked(peers, false);
        assertThat(choker.optimistic()).get().isNotEqualTo(first).isNotEqualTo("top");
    }

    @Test
    void optimisticReplacedAtOnceWhenItLosesInterest() {
        Choker<String> choker = new Choker<>(new ChokerConfig(1, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1), 3), clock, new Random(7));
        choker.unchoked(List.of(leecher("top", 100), leecher("p", 0), leecher("q", 0)), false);
        String first = choker.optimistic().orElseThrow();
        String other = first.equals("p") ? "q" : "p";
        Set<String> now = choker.unchoked(List.of(leecher("top", 100), leecher(other, 0),
                new PeerStats<>(first, false, 0, 0, longAgo)), false);
        assertThat(now).containsExactlyInAnyOrder("top", other);
    }

    @Test
    void newPeersAreThreeTimesAsLikelyToBeTheOptimisticUnchoke() {
        ChokerConfig optimisticOnly = new ChokerConfig(0, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1), 3);
        Random random = new Random(8);
        List<PeerStats<String>> peers = List.of(leecher("old-1", 0), leecher("old-2", 0), leecher("old-3", 0),
                leecher("old-4", 0), new PeerStats<>("new", true, 0, 0, clock.instant().minusSeconds(5)));
        Map<String, Integer> picks = new HashMap<>();
        for (int round = 0; round < 7_000; round++) {
            Choker<String> choker = new Choker<>(optimisticOnly, clock, random); // a first choice every time
            picks.merge(choker.unchoked(peers, false).iterator().next(), 1, Integer::sum);
        }
        // weights: new 3, each old 1, so new 3/7 and each old 1/7 of 7,000 choices
        assertThat(picks.get("new")).isBetween(2_700, 3_300);
        assertThat(picks.get("old-1")).isBetween(800, 1_200);
    }

    @Test
    void badConfigurationRefused() {
        assertThatThrownBy(() -> new ChokerConfig(-1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 1))
                .hasMessage("regularSlots must not be negative, got -1");
        assertThatThrownBy(() -> new ChokerConfig(4, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, 1))
                .hasMessage("rechokeInterval must be positive, got PT0S");
        assertThatThrownBy(() -> new PeerStats<>("x", true, -1, 0, longAgo)).hasMessage("negative rate for x");
    }

    private PeerStats<String> leecher(String name, long downloadRate) {
        return new PeerStats<>(name, true, downloadRate, 0, longAgo);
    }
}
