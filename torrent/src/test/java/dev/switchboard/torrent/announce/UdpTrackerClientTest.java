package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpTrackerClientTest {
    static final byte[] PEER = {127, 0, 0, 9, 0x1A, (byte) 0xE1}; // 127.0.0.9:6881
    static final AnnounceRequest REQUEST = new AnnounceRequest(InfoHash.of(filled(0xAB)),
            PeerId.of("-SB0001-123456789012".getBytes(StandardCharsets.US_ASCII)), 6881, 7, 5, 100,
            AnnounceEvent.STARTED, 50, 0x1234);

    private final SettableClock clock = new SettableClock();
    private final EventLoopGroup group = Transport.best().newGroup("udp-client-test", 1);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        Transport.shutdown(group);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[20];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private FakeUdpTracker tracker(Function<byte[], List<byte[]>> script) {
        FakeUdpTracker tracker = new FakeUdpTracker(script);
        closeables.add(tracker);
        return tracker;
    }

    private UdpTrackerClient client(FakeUdpTracker tracker, int retransmits) {
        AnnounceConfig config = AnnounceConfig.builder().clock(clock)
                .udpRetransmitBase(Duration.ofMillis(100)).udpMaxRetransmits(retransmits).build();
        UdpTrackerClient client = new UdpTrackerClient(URI.create(tracker.url()), group, Transport.best(), config);
        closeables.add(client);
        return client;
    }

    /** A well-behaved tracker: connection id 42, interval 900, one peer. */
    private static List<byte[]> honest(byte[] request) {
        return FakeUdpTracker.action(request) == 0
                ? List.of(FakeUdpTracker.connected(request, 42))
                : List.of(FakeUdpTracker.announced(request, 900, PEER));
    }

    @Test
    void connectsThenAnnouncesWithTheExactBep15Layout() throws Exception {
        FakeUdpTracker tracker = tracker(UdpTrackerClientTest::honest);
        AnnounceResponse response = client(tracker, 0).announce(REQUEST).get(10, TimeUnit.SECONDS);

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(900));
        assertThat(response.incomplete()).hasValue(2);
        assertThat(response.complete()).hasValue(3);
        assertThat(response.peers()).containsExactly(new InetSocketAddress("127.0.0.9", 6881));
        byte[] connect = tracker.received.get(0);
        assertThat(connect).hasSize(16);
        assertThat(ByteBuffer.wrap(connect).getLong(0)).isEqualTo(0x41727101980L);
        ByteBuffer announce = ByteBuffer.wrap(tracker.received.get(1));
        assertThat(announce.capacity()).isEqualTo(98);
        assertThat(announce.getLong(0)).isEqualTo(42);              // connection id
        assertThat(announce.getInt(8)).isEqualTo(1);                // action announce
        assertThat(announce.getLong(56)).isEqualTo(5);              // downloaded
        assertThat(announce.getLong(64)).isEqualTo(100);            // left
        assertThat(announce.getLong(72)).isEqualTo(7);              // uploaded
        assertThat(announce.getInt(80)).isEqualTo(2);               // event started
        assertThat(announce.getInt(88)).isEqualTo(0x1234);          // key
        assertThat(announce.getInt(92)).isEqualTo(50);              // num_want
        assertThat(announce.getShort(96) & 0xffff).isEqualTo(6881); // port
    }

    @Test
    void connectionIdIsReusedForAMinuteThenFetchedAgain() throws Exception {
        FakeUdpTracker tracker = tracker(UdpTrackerClientTest::honest);
        UdpTrackerClient client = client(tracker, 0);
        client.announce(REQUEST).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(59));
        client.announce(REQUEST).get(10, TimeUnit.SECONDS);
        assertThat(tracker.requestsWithAction(0)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        client.announce(REQUEST).get(10, TimeUnit.SECONDS);
        assertThat(tracker.requestsWithAction(0)).isEqualTo(2);
        assertThat(tracker.requestsWithAction(1)).isEqualTo(3);
    }

    @Test
    void errorActionIsARefusalWithTheTrackersText() {
        FakeUdpTracker tracker = tracker(request -> FakeUdpTracker.action(request) == 0
                ? List.of(FakeUdpTracker.connected(request, 42))
                : List.of(FakeUdpTracker.error(request, "torrent not registered")));
        AnnounceException e = AnnounceFailure.of(client(tracker, 0).announce(REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.REFUSED);
        assertThat(e.getMessage()).isEqualTo("torrent not registered");
    }

    @Test
    void silenceIsRetransmittedWithDoublingWaitsThenTimesOut() {
        FakeUdpTracker tracker = tracker(request -> List.of());
        long start = System.nanoTime();
        AnnounceException e = AnnounceFailure.of(client(tracker, 2).announce(REQUEST));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("after 3 attempts");
        assertThat(tracker.requestsWithAction(0)).isEqualTo(3);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(100 + 200 + 400);
        List<Integer> ids = tracker.received.stream().map(FakeUdpTracker::transactionId).distinct().toList();
        assertThat(ids).hasSize(3);
    }

    @Test
    void wrongTransactionIdsAndTooShortRepliesAreIgnoredAndTheRetransmissionSucceeds() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        FakeUdpTracker tracker = tracker(request -> {
            if (FakeUdpTracker.action(request) == 0 && first.getAndSet(false)) {
                byte[] wrongId = FakeUdpTracker.connected(request, 99);
                wrongId[7] ^= 1;
                return List.of(wrongId, new byte[] {0, 0, 0, 0, 1, 2, 3},   // 7 bytes: too short for anything
                        java.util.Arrays.copyOf(FakeUdpTracker.connected(request, 99), 12)); // connect cut to 12
            }
            return honest(request);
        });
        AnnounceResponse response = client(tracker, 2).announce(REQUEST).get(10, TimeUnit.SECONDS);
        assertThat(response.peers()).hasSize(1);
        assertThat(tracker.requestsWithAction(0)).isEqualTo(1 + 1);
    }

    @Test
    void replyWithOurTransactionIdButAnotherActionIsMalformed() {
        FakeUdpTracker tracker = tracker(request -> List.of(FakeUdpTracker.announced(request, 900)));
        AnnounceException e = AnnounceFailure.of(client(tracker, 2).announce(REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("answered a connect with action announce");
        assertThat(tracker.received).hasSize(1);
    }

    @Test
    void announceReplyWithPartialPeerIsIgnoredThenTimesOut() {
        FakeUdpTracker tracker = tracker(request -> FakeUdpTracker.action(request) == 0
                ? List.of(FakeUdpTracker.connected(request, 42))
                : List.of(java.util.Arrays.copyOf(FakeUdpTracker.announced(request, 900, PEER), 23)));
        AnnounceException e = AnnounceFailure.of(client(tracker, 1).announce(REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.TIMEOUT);
        assertThat(tracker.requestsWithAction(1)).isEqualTo(2);
    }

    @Test
    void closedClientFailsAnnouncesAsUnreachable() {
        FakeUdpTracker tracker = tracker(UdpTrackerClientTest::honest);
        UdpTrackerClient client = client(tracker, 0);
        client.close();
        assertThat(AnnounceFailure.of(client.announce(REQUEST)).kind()).isEqualTo(AnnounceException.Kind.UNREACHABLE);
        assertThatThrownBy(() -> new UdpTrackerClient(URI.create("udp://host-without-port/announce"), group,
                Transport.best(), AnnounceConfig.builder().build())).isInstanceOf(IllegalArgumentException.class);
    }
}
