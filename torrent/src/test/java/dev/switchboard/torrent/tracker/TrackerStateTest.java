package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.InfoHash;
import static dev.switchboard.torrent.tracker.Announces.announce;
import static dev.switchboard.torrent.tracker.Announces.infoHash;
import static dev.switchboard.torrent.tracker.Announces.leecher;
import static dev.switchboard.torrent.tracker.Announces.seeder;
import static dev.switchboard.torrent.tracker.Announces.v4;
import static dev.switchboard.torrent.tracker.Announces.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.SettableClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The swarm registry on its own: counts, events, peer selection, expiry and bounds. */
class TrackerStateTest {
    private static final InfoHash TORRENT = infoHash(1);
    private final SettableClock clock = new SettableClock();

    private TrackerState state(UnaryOperator<TrackerConfig.Builder> settings) {
        return new TrackerState(settings.apply(TrackerConfig.builder()
                .clock(clock)
                .announceInterval(Duration.ofMinutes(30))
                .peerGrace(Duration.ofMinutes(5))).build());
    }

    private TrackerState state() {
        return state(b -> b);
    }

    private static Set<Integer> ports(AnnounceResult result) {
        return result.peers().stream().map(p -> p.endpoint().port()).collect(Collectors.toSet());
    }

    @Test
    void aLeecherIsHandedTheSeederAndCountsAreKept() {
        TrackerState state = state();
        AnnounceResult first = state.announce(seeder(TORRENT, 6001), PeerFamilies.BOTH);
        assertThat(first.peers()).isEmpty();
        assertThat(first.seeders()).isEqualTo(1);
        assertThat(first.leechers()).isZero();
        assertThat(first.interval()).isEqualTo(Duration.ofMinutes(30));

        AnnounceResult second = state.announce(leecher(TORRENT, 6002), PeerFamilies.BOTH);
        assertThat(second.peers()).singleElement().satisfies(p -> {
            assertThat(p.endpoint()).isEqualTo(v4(6001));
            assertThat(p.id()).isEqualTo(Announces.peerId(6001));
        });
        assertThat(second.seeders()).isEqualTo(1);
        assertThat(second.leechers()).isEqualTo(1);
        assertThat(state.scrape(TORRENT)).isEqualTo(new ScrapeStats(1, 0, 1));
        assertThat(state.torrentCount()).isEqualTo(1);
        assertThat(state.peerCount()).isEqualTo(2);
    }

    @Test
    void reannouncingFromTheSameEndpointUpdatesThePeerInsteadOfAddingOne() {
        TrackerState state = state();
        state.announce(leecher(TORRENT, 6001), PeerFamilies.BOTH);
        AnnounceResult again = state.announce(announce(TORRENT, v4(6001), 0, AnnounceEvent.NONE, 50),
                PeerFamilies.BOTH);
        assertThat(again.seeders()).isEqualTo(1);
        assertThat(again.leechers()).isZero();
        assertThat(state.peerCount()).isEqualTo(1);
    }

    @Test
    void completedCountsOncePerPeerAndStoppedRemovesThePeer() {
        TrackerState state = state();
        state.announce(leecher(TORRENT, 6001), PeerFamilies.BOTH);
        state.announce(announce(TORRENT, v4(6001), 0, AnnounceEvent.COMPLETED, 50), PeerFamilies.BOTH);
        state.announce(announce(TORRENT, v4(6001), 0, AnnounceEvent.COMPLETED, 50), PeerFamilies.BOTH);
        assertThat(state.scrape(TORRENT)).isEqualTo(new ScrapeStats(1, 1, 0));

        state.announce(leecher(TORRENT, 6002), PeerFamilies.BOTH);
        AnnounceResult stopped = state.announce(announce(TORRENT, v4(6001), 0, AnnounceEvent.STOPPED, 50),
                PeerFamilies.BOTH);
        assertThat(stopped.peers()).as("a stopping peer needs no peers").isEmpty();
        assertThat(stopped.seeders()).isZero();
        assertThat(stopped.leechers()).isEqualTo(1);
        assertThat(state.scrape(TORRENT)).isEqualTo(new ScrapeStats(0, 1, 1));
        assertThat(state.announce(leecher(TORRENT, 6003), PeerFamilies.BOTH).peers())
                .extracting(p -> p.endpoint().port()).containsExactly(6002);
    }

    @Test
    void aKnownLeecherReachingLeftZeroCountsAsACompletionWhateverItsEvent() {
        TrackerState state = state();
        state.announce(leecher(TORRENT, 6001), PeerFamilies.BOTH);
        state.announce(announce(TORRENT, v4(6001), 0, AnnounceEvent.STOPPED, 50), PeerFamilies.BOTH);
        state.announce(leecher(TORRENT, 6002), PeerFamilies.BOTH);
        state.announce(announce(TORRENT, v4(6002), 0, AnnounceEvent.NONE, 50), PeerFamilies.BOTH);
        state.announce(announce(TORRENT, v4(6002), 0, AnnounceEvent.COMPLETED, 50), PeerFamilies.BOTH);
        state.announce(seeder(TORRENT, 6003), PeerFamilies.BOTH);
        state.announce(announce(TORRENT, v4(6003), 0, AnnounceEvent.STOPPED, 50), PeerFamilies.BOTH);
        assertThat(state.scrape(TORRENT).downloaded()).as("6001 and 6002 once each; 6003 never leeched").isEqualTo(2);
    }

    @Test
    void stoppedForAnUnknownTorrentCreatesNothing() {
        TrackerState state = state();
        AnnounceResult result = state.announce(announce(TORRENT, v4(6001), 0, AnnounceEvent.STOPPED, 50),
                PeerFamilies.BOTH);
        assertThat(result.peers()).isEmpty();
        assertThat(state.torrentCount()).isZero();
        assertThat(state.scrape(TORRENT)).isEqualTo(ScrapeStats.NONE);
    }

    @Test
    void numwantDefaultsIsClampedAndZeroMeansNoPeers() {
        TrackerState state = state(b -> b.defaultNumWant(5).maxNumWant(8));
        for (int port = 7000; port < 7020; port++) {
            state.announce(seeder(TORRENT, port), PeerFamilies.BOTH);
        }
        assertThat(state.announce(leecher(TORRENT, 6000), PeerFamilies.BOTH).peers()).hasSize(5);
        assertThat(state.announce(announce(TORRENT, v4(6000), 1, AnnounceEvent.NONE, 3), PeerFamilies.BOTH)
                .peers()).hasSize(3);
        assertThat(state.announce(announce(TORRENT, v4(6000), 1, AnnounceEvent.NONE, 1_000_000_000),
                PeerFamilies.BOTH).peers()).hasSize(8);
        assertThat(state.announce(announce(TORRENT, v4(6000), 1, AnnounceEvent.NONE, 0), PeerFamilies.BOTH)
                .peers()).isEmpty();
        assertThat(state.announce(announce(TORRENT, v4(6000), 1, AnnounceEvent.NONE, -7), PeerFamilies.BOTH)
                .peers()).as("negative: the default").hasSize(5);
    }

    @Test
    void peersAreDistinctRandomAndNeverTheRequester() {
        TrackerState state = state();
        for (int port = 7000; port < 7030; port++) {
            state.announce(leecher(TORRENT, port), PeerFamilies.BOTH);
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            AnnounceResult result = state.announce(announce(TORRENT, v4(7007), 1, AnnounceEvent.NONE, 10),
                    PeerFamilies.BOTH);
            assertThat(result.peers()).hasSize(10);
            assertThat(ports(result)).hasSize(10).doesNotContain(7007);
            seen.addAll(ports(result));
        }
        assertThat(seen).as("over 200 draws every other peer comes up").hasSize(29);
    }

    @Test
    void whenAllPeersFitTheyAllComeBackExceptTheRequester() {
        TrackerState state = state();
        for (int port = 7000; port < 7005; port++) {
            state.announce(leecher(TORRENT, port), PeerFamilies.BOTH);
        }
        assertThat(ports(state.announce(leecher(TORRENT, 7002), PeerFamilies.BOTH)))
                .containsExactlyInAnyOrder(7000, 7001, 7003, 7004);
    }

    @Test
    void peersExpireAfterTheIntervalPlusGraceUnlessTheyAnnounceAgain() {
        TrackerState state = state();
        state.announce(seeder(TORRENT, 6001), PeerFamilies.BOTH);
        state.announce(leecher(TORRENT, 6002), PeerFamilies.BOTH);
        clock.advance(Duration.ofMinutes(20));
        state.announce(announce(TORRENT, v4(6002), 10, AnnounceEvent.NONE, 50), PeerFamilies.BOTH);

        clock.advance(Duration.ofMinutes(15)); // seeder silent 35 min: exactly interval + grace
        assertThat(state.sweep()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(state.sweep()).isEqualTo(1);
        assertThat(state.scrape(TORRENT)).isEqualTo(new ScrapeStats(0, 0, 1));

        clock.advance(Duration.ofMinutes(20)); // leecher silent 35 min + 1 ms
        assertThat(state.sweep()).isEqualTo(1);
        assertThat(state.torrentCount()).as("an empty swarm is dropped").isZero();
        assertThat(state.peerCount()).isZero();
        assertThat(state.scrape(TORRENT)).isEqualTo(ScrapeStats.NONE);
    }

    @Test
    void udpRequestersGetTheirOwnFamilyAndHttpGetsBothInProportion() {
        TrackerState state = state();
        for (int port = 7000; port < 7030; port++) {
            state.announce(announce(TORRENT, v4(port), 0, AnnounceEvent.STARTED, 0), PeerFamilies.BOTH);
        }
        for (int port = 8000; port < 8010; port++) {
            state.announce(announce(TORRENT, v6(port), 0, AnnounceEvent.STARTED, 0), PeerFamilies.BOTH);
        }
        List<Peer> v4Only = state.announce(announce(TORRENT, v4(9000), 1, AnnounceEvent.STARTED, 200),
                PeerFamilies.IPV4).peers();
        assertThat(v4Only).hasSize(30).allMatch(p -> p.endpoint().isIpv4());
        List<Peer> v6Only = state.announce(announce(TORRENT, v6(9000), 1, AnnounceEvent.STARTED, 200),
                PeerFamilies.IPV6).peers();
        assertThat(v6Only).hasSize(10).allMatch(p -> p.endpoint().isIpv6());

        List<Peer> both = state.announce(announce(TORRENT, v4(9001), 1, AnnounceEvent.STARTED, 20),
                PeerFamilies.BOTH).peers();
        long v6Count = both.stream().filter(p -> p.endpoint().isIpv6()).count();
        assertThat(both).hasSize(20);
        assertThat(v6Count).as("11 of 42 other peers are IPv6").isBetween(4L, 6L);
    }

    @Test
    void aFullSwarmStillAnswersNewPeersButDoesNotKeepThem() {
        TrackerState state = state(b -> b.maxPeersPerTorrent(3));
        for (int port = 7000; port < 7003; port++) {
            state.announce(seeder(TORRENT, port), PeerFamilies.BOTH);
        }
        AnnounceResult result = state.announce(leecher(TORRENT, 7003), PeerFamilies.BOTH);
        assertThat(ports(result)).containsExactlyInAnyOrder(7000, 7001, 7002);
        assertThat(result.leechers()).as("not remembered").isZero();
        assertThat(state.peerCount()).isEqualTo(3);
        // a known peer still updates
        state.announce(announce(TORRENT, v4(7000), 5, AnnounceEvent.NONE, 0), PeerFamilies.BOTH);
        assertThat(state.scrape(TORRENT)).isEqualTo(new ScrapeStats(2, 0, 1));
    }

    @Test
    void theTotalPeerBoundHoldsOverAllTorrents() {
        TrackerState state = state(b -> b.maxPeers(2));
        state.announce(seeder(infoHash(1), 7000), PeerFamilies.BOTH);
        state.announce(seeder(infoHash(2), 7000), PeerFamilies.BOTH);
        state.announce(seeder(infoHash(3), 7000), PeerFamilies.BOTH);
        assertThat(state.peerCount()).isEqualTo(2);
        assertThat(state.scrape(infoHash(3))).isEqualTo(ScrapeStats.NONE);
    }

    @Test
    void aNewTorrentPastTheLimitIsRefusedWithAReason() {
        TrackerState state = state(b -> b.maxTorrents(2));
        state.announce(seeder(infoHash(1), 7000), PeerFamilies.BOTH);
        state.announce(seeder(infoHash(2), 7000), PeerFamilies.BOTH);
        assertThatThrownBy(() -> state.announce(seeder(infoHash(3), 7000), PeerFamilies.BOTH))
                .isInstanceOf(TrackerException.class)
                .hasMessage("tracker is full: it tracks 2 torrents, its limit");
        state.announce(seeder(infoHash(1), 7001), PeerFamilies.BOTH); // known torrents still work
        clock.advance(Duration.ofHours(1));
        state.sweep();
        state.announce(seeder(infoHash(3), 7000), PeerFamilies.BOTH); // room again after expiry
        assertThat(state.torrentCount()).isEqualTo(1);
    }

    @Test
    void torrentsOutsideTheAllowListAreRefused() {
        TrackerState state = state(b -> b.allowList(AllowList.of(Set.of(infoHash(1)))));
        state.announce(seeder(infoHash(1), 7000), PeerFamilies.BOTH);
        assertThatThrownBy(() -> state.announce(seeder(infoHash(2), 7000), PeerFamilies.BOTH))
                .isInstanceOf(TrackerException.class)
                .hasMessage("unregistered torrent: info_hash " + "02".repeat(20)
                        + " is not in this tracker's allow list");
        assertThat(state.torrentCount()).isEqualTo(1);
    }

    @Test
    void manyThreadsAnnouncingAtOnceKeepTheCountsRight() throws Exception {
        TrackerState state = state();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = 10_000 + t * 1000;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    state.announce(leecher(infoHash(i % 7), base + i), PeerFamilies.BOTH);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(state.peerCount()).isEqualTo(2000);
        assertThat(state.torrentCount()).isEqualTo(7);
        int incomplete = 0;
        for (int i = 0; i < 7; i++) {
            incomplete += state.scrape(infoHash(i)).incomplete();
        }
        assertThat(incomplete).isEqualTo(2000);
    }
}
