package dev.switchboard.torrent.strategy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which peers to unchoke (BEP 3 tit-for-tat): the {@code regularSlots} interested peers that
 * give us the most (download rate from them while we download, upload rate to them while we seed),
 * ranked again every {@code rechokeInterval}, plus one optimistic unchoke among the other interested
 * peers, moved on every {@code optimisticInterval} to someone else (when there is someone else), new
 * peers {@code newPeerWeight} times as likely, so that newcomers get a first piece to trade and better
 * partners can be found. An optimistic peer that loses interest or earns a regular slot is replaced at once.
 *
 * <p>Call {@link #unchoked} whenever something changes (a peer came, left or became interested) or on a
 * timer; between rankings it keeps its choice, dropping peers that left or lost interest and filling
 * freed slots, so it can be called as often as you like without churn. Peers not in the result are to be
 * choked. Pure: time from the {@link Clock}, chance from the seeded {@link Random}; not thread-safe.
 *
 * @param <P> the caller's peer handle, compared with {@code equals}
 */
public final class Choker<P> {
    private final ChokerConfig config;
    private final Clock clock;
    private final Random random;
    private final Set<P> regular = new LinkedHashSet<>();
    private Instant lastRanking;
    private P optimistic;
    private Instant lastRotation;

    /** Creates a choker choosing as {@code config} says. */
    public Choker(ChokerConfig config, Clock clock, Random random) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Creates a choker with {@link ChokerConfig#DEFAULT}. */
    public Choker(Clock clock, Random random) {
        this(ChokerConfig.DEFAULT, clock, random);
    }

    /**
     * Returns the peers to unchoke now, among {@code peers} (all connected peers); {@code seeding} says
     * whether we have every piece (rank by upload rate) or not (rank by download rate).
     */
    public Set<P> unchoked(List<PeerStats<P>> peers, boolean seeding) {
        Instant now = clock.instant();
        Map<P, PeerStats<P>> interested = peers.stream().filter(PeerStats::interested)
                .collect(Collectors.toMap(PeerStats::peer, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        List<PeerStats<P>> ranked = new ArrayList<>(interested.values());
        Comparator<PeerStats<P>> byRate = Comparator.comparingLong(seeding ? PeerStats::uploadRate : PeerStats::downloadRate);
        ranked.sort(byRate.reversed()); // stable: equal rates keep the caller's order

        if (lastRanking == null || !now.isBefore(lastRanking.plus(config.rechokeInterval()))) {
            regular.clear();
            lastRanking = now;
        }
        regular.retainAll(interested.keySet());
        for (PeerStats<P> candidate : ranked) {
            if (regular.size() >= config.regularSlots()) {
                break;
            }
            regular.add(candidate.peer());
        }

        boolean optimisticGone = optimistic == null || !interested.containsKey(optimistic) || regular.contains(optimistic);
        if (optimisticGone || !now.isBefore(lastRotation.plus(config.optimisticInterval()))) {
            optimistic = chooseOptimistic(ranked, now).orElse(null);
            lastRotation = now;
        }
        Set<P> result = new LinkedHashSet<>(regular);
        if (optimistic != null) {
            result.add(optimistic);
        }
        return result;
    }

    /** Returns the current optimistic unchoke, if any. */
    public Optional<P> optimistic() {
        return Optional.ofNullable(optimistic);
    }

    /** Returns when the regular slots are next ranked again (for a timer); now if never ranked. */
    public Instant nextRanking() {
        return lastRanking == null ? clock.instant() : lastRanking.plus(config.rechokeInterval());
    }

    private Optional<P> chooseOptimistic(List<PeerStats<P>> interested, Instant now) {
        List<PeerStats<P>> candidates = new ArrayList<>();
        for (PeerStats<P> peer : interested) {
            if (!regular.contains(peer.peer())) {
                candidates.add(peer);
            }
        }
        if (candidates.size() > 1 && optimistic != null) {
            candidates.removeIf(peer -> peer.peer().equals(optimistic)); // move on to someone else
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int[] weights = new int[candidates.size()];
        int total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = isNew(candidates.get(i), now) ? config.newPeerWeight() : 1;
            total += weights[i];
        }
        int ticket = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            ticket -= weights[i];
            if (ticket < 0) {
                return Optional.of(candidates.get(i).peer());
            }
        }
        throw new AssertionError("weights add up to " + total);
    }

    private boolean isNew(PeerStats<P> peer, Instant now) {
        return Duration.between(peer.connectedAt(), now).compareTo(config.newPeerAge()) < 0;
    }
}
