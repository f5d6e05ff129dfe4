package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.tracker.TrackerFixture;
import dev.switchboard.torrent.tracker.TrackerServer;
import dev.switchboard.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our clients against our own tracker on loopback, HTTP and UDP. */
class TrackerServerAnnounceTest {
    @RegisterExtension
    final TrackerFixture trackers = new TrackerFixture();
    private final TrackerClients clients = new TrackerClients(AnnounceConfig.builder()
            .udpRetransmitBase(Duration.ofMillis(500)).httpTimeout(Duration.ofSeconds(5)).build());
    private final EventLoopGroup schedulers = Transport.best().newGroup("announcer-test", 2);
    private final InfoHash infoHash = InfoHash.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20});

    @AfterEach
    void tearDown() {
        clients.close();
        Transport.shutdown(schedulers);
    }

    private static PeerId peerId(int n) {
        return PeerId.of(String.format("-SB0001-%012d", n).getBytes(StandardCharsets.US_ASCII));
    }

    private String url(TrackerServer server, String scheme) {
        return scheme + "://127.0.0.1:" + server.localAddress().getPort() + "/announce";
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void twoClientsAnnounceAndFindEachOther(String scheme) throws Exception {
        TrackerServer server = trackers.start();
        TrackerClient client = clients.open(URI.create(url(server, scheme)));
        AnnounceRequest first = new AnnounceRequest(infoHash, peerId(1), 40001, 0, 0, 100, AnnounceEvent.STARTED, 50, 1);
        AnnounceRequest second = new AnnounceRequest(infoHash, peerId(2), 40002, 0, 0, 0, AnnounceEvent.STARTED, 50, 2);

        AnnounceResponse alone = client.announce(first).get(10, TimeUnit.SECONDS);
        AnnounceResponse together = client.announce(second).get(10, TimeUnit.SECONDS);
        AnnounceResponse again = client.announce(first.withEvent(AnnounceEvent.NONE)).get(10, TimeUnit.SECONDS);

        assertThat(alone.peers()).isEmpty();
        assertThat(together.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 40001));
        assertThat(again.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 40002));
        assertThat(again.complete()).hasValue(1);
        assertThat(again.incomplete()).hasValue(1);
        assertThat(again.interval()).isEqualTo(server.config().announceInterval());

        client.announce(second.withEvent(AnnounceEvent.STOPPED)).get(10, TimeUnit.SECONDS);
        assertThat(client.announce(first.withEvent(AnnounceEvent.NONE)).get(10, TimeUnit.SECONDS).peers()).isEmpty();
        client.close();
    }

    @Test
    void refusalFromOurTrackerArrivesAsRefusedOverBothProtocols() {
        TrackerServer server = trackers.start(b -> b.allowList(
                dev.switchboard.torrent.tracker.AllowList.of(Set.of(InfoHash.of(new byte[20])))));
        AnnounceRequest request = new AnnounceRequest(infoHash, peerId(1), 40001, 0, 0, 1, AnnounceEvent.STARTED, 50, 1);
        for (String scheme : List.of("http", "udp")) {
            TrackerClient client = clients.open(URI.create(url(server, scheme)));
            assertThat(client.announce(request)).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(AnnounceException.class,
                            e -> assertThat(e.kind()).isEqualTo(AnnounceException.Kind.REFUSED));
            client.close();
        }
    }

    @Test
    void twoAnnouncersFallBackFromASilentTierAndFindEachOther() throws Exception {
        TrackerServer server = trackers.start();
        FakeUdpTracker silent = new FakeUdpTracker(request -> List.of());
        List<List<String>> tiers = List.of(List.of(silent.url()), List.of(url(server, "udp"), url(server, "http")));
        Set<InetSocketAddress> seenByA = ConcurrentHashMap.newKeySet();
        Set<InetSocketAddress> seenByB = ConcurrentHashMap.newKeySet();
        TrackerClients fast = new TrackerClients(AnnounceConfig.builder().udpRetransmitBase(Duration.ofMillis(100))
                .udpMaxRetransmits(0).minimumInterval(Duration.ofMillis(100)).build());
        try (Announcer a = announcer(fast, tiers, 1, 40001, seenByA);
                Announcer b = announcer(fast, tiers, 2, 40002, seenByB)) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.lastResponse().isPresent());
            a.announceNow();
            await().atMost(Duration.ofSeconds(10)).until(() -> seenByA.contains(new InetSocketAddress("127.0.0.1", 40002)));
            assertThat(silent.received).isNotEmpty();
        } finally {
            fast.close();
            silent.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.state().peerCount() == 0);
    }

    private Announcer announcer(TrackerClients factory, List<List<String>> tiers, int id, int port,
            Set<InetSocketAddress> seen) {
        return Announcer.builder().tiers(tiers).infoHash(infoHash).peerId(peerId(id)).port(port)
                .transfer(() -> new TransferStats(0, 0, 100)).onPeers(seen::addAll).clients(factory)
                .scheduler(schedulers.next()).build();
    }
}
