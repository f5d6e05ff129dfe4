package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.PeerId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The announcer on an embedded event loop whose time the test moves, with fake trackers it answers by hand. */
class AnnouncerTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.9", 6881);

    private final SettableClock clock = new SettableClock();
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final Map<URI, FakeTracker> trackers = new LinkedHashMap<>();
    private final List<FakeTracker> calls = new ArrayList<>();
    private final List<List<InetSocketAddress>> peersSeen = new ArrayList<>();
    private volatile TransferStats stats = new TransferStats(0, 0, 1000);

    @BeforeEach
    void freeze() {
        loop.freezeTime();
    }

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
    }

    /** A tracker the test answers: each announce waits in {@link #pending} until completed. */
    final class FakeTracker implements TrackerClient {
        final URI uri;
        final List<AnnounceRequest> requests = new ArrayList<>();
        final List<CompletableFuture<AnnounceResponse>> pending = new ArrayList<>();
        boolean closed;

        FakeTracker(URI uri) {
            this.uri = uri;
        }

        @Override
        public URI uri() {
            return uri;
        }

        @Override
        public CompletableFuture<AnnounceResponse> announce(AnnounceRequest request) {
            requests.add(request);
            calls.add(this);
            CompletableFuture<AnnounceResponse> reply = new CompletableFuture<>();
            pending.add(reply);
            return reply;
        }

        AnnounceEvent lastEvent() {
            return requests.get(requests.size() - 1).event();
        }

        void answer(Duration interval, Duration minInterval) {
            pending.remove(0).complete(new AnnounceResponse(interval, Optional.ofNullable(minInterval),
                    List.of(PEER), OptionalInt.of(1), OptionalInt.of(1), Optional.empty(), Optional.empty()));
            loop.runPendingTasks();
        }

        void fail() {
            pending.remove(0).completeExceptionally(new AnnounceException(AnnounceException.Kind.TIMEOUT, "silent"));
            loop.runPendingTasks();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private Announcer announcer(List<List<String>> tiers) {
        return Announcer.builder()
                .tiers(tiers)
                .infoHash(InfoHash.of(new byte[20]))
                .peerId(PeerId.of("-SB0001-000000000000".getBytes(StandardCharsets.US_ASCII)))
                .port(6881)
                .key(7)
                .transfer(() -> stats)
                .onPeers(peersSeen::add)
                .clients(uri -> trackers.computeIfAbsent(uri, FakeTracker::new))
                .scheduler((ScheduledExecutorService) loop.eventLoop())
                .config(AnnounceConfig.builder().clock(clock).minimumInterval(Duration.ofSeconds(10))
                        .retryDelay(Duration.ofSeconds(30)).maxRetryDelay(Duration.ofSeconds(100))
                        .stopTimeout(Duration.ofSeconds(5)).build())
                .random(new Random(1))
                .build();
    }

    private FakeTracker tracker(String url) {
        return trackers.get(URI.create(url));
    }

    private void elapse(Duration d) {
        clock.advance(d);
        loop.advanceTimeBy(d.toMillis(), TimeUnit.MILLISECONDS);
        loop.runPendingTasks();
    }

    @Test
    void startedFirstThenRegularAnnouncesOnTheTrackersInterval() {
        Announcer announcer = announcer(List.of(List.of("http://a/announce")));
        announcer.start();
        loop.runPendingTasks();
        FakeTracker a = tracker("http://a/announce");
        assertThat(a.lastEvent()).isEqualTo(AnnounceEvent.STARTED);
        assertThat(a.requests.get(0).left()).isEqualTo(1000);
        a.answer(Duration.ofSeconds(120), null);
        assertThat(peersSeen).containsExactly(List.of(PEER));
        assertThat(announcer.nextAnnounceAt()).contains(clock.instant().plusSeconds(120));

        stats = new TransferStats(10, 500, 500);
        elapse(Duration.ofSeconds(119));
        assertThat(a.requests).hasSize(1);
        elapse(Duration.ofSeconds(1));
        assertThat(a.requests).hasSize(2);
        assertThat(a.lastEvent()).isEqualTo(AnnounceEvent.NONE);
        assertThat(a.requests.get(1)).extracting(AnnounceRequest::uploaded, AnnounceRequest::downloaded,
                AnnounceRequest::left).containsExactly(10L, 500L, 500L);
    }

    @Test
    void minIntervalAboveIntervalAndTheConfiguredFloorAreRespected() {
        Announcer announcer = announcer(List.of(List.of("http://a/announce")));
        announcer.start();
        loop.runPendingTasks();
        FakeTracker a = tracker("http://a/announce");
        a.answer(Duration.ofSeconds(60), Duration.ofSeconds(300));
        assertThat(announcer.nextAnnounceAt()).contains(clock.instant().plusSeconds(300));

        announcer.announceNow(); // too soon: waits for min interval, no earlier
        loop.runPendingTasks();
        assertThat(a.requests).hasSize(1);
        elapse(Duration.ofSeconds(299));
        assertThat(a.requests).hasSize(1);
        elapse(Duration.ofSeconds(1));
        assertThat(a.requests).hasSize(2);
        a.answer(Duration.ZERO, null); // interval 0: the 10 s floor
        assertThat(announcer.nextAnnounceAt()).contains(clock.instant().plusSeconds(10));
    }

    @Test
    void announceNowWithoutMinIntervalGoesAfterTheFloor() {
        Announcer announcer = announcer(List.of(List.of("http://a/announce")));
        announcer.start();
        loop.runPendingTasks();
        FakeTracker a = tracker("http://a/announce");
        a.answer(Duration.ofSeconds(1800), null);
        elapse(Duration.ofSeconds(10));
        announcer.announceNow();
        loop.runPendingTasks();
        assertThat(a.requests).hasSize(2);
        assertThat(a.lastEvent()).isEqualTo(AnnounceEvent.NONE);
    }

    @Test
    void tierOrderShuffleOncePromotionAndFallThroughToTheNextTier() {
        Announcer announcer = announcer(List.of(List.of("http://a1/", "http://a2/"), List.of("udp://b:1/")));
        List<URI> firstTier = announcer.tiers().get(0);
        assertThat(firstTier).containsExactlyInAnyOrder(URI.create("http://a1/"), URI.create("http://a2/"));
        announcer.start();
        loop.runPendingTasks();
        FakeTracker first = trackers.get(firstTier.get(0));
        FakeTracker second = trackers.get(firstTier.get(1));
        FakeTracker b = tracker("udp://b:1/");

        first.fail();
        assertThat(second.requests).hasSize(1);
        second.fail();
        assertThat(b.requests).hasSize(1);
        assertThat(b.lastEvent()).isEqualTo(AnnounceEvent.STARTED);
        b.answer(Duration.ofSeconds(60), null);

        elapse(Duration.ofSeconds(60)); // the next round starts from tier 1 again
        assertThat(first.requests).hasSize(2);
        first.fail();
        second.answer(Duration.ofSeconds(60), null);
        assertThat(second.requests.get(1).event()).isEqualTo(AnnounceEvent.STARTED);
        assertThat(announcer.tiers().get(0)).containsExactly(second.uri, first.uri);
        assertThat(b.requests).hasSize(1);

        elapse(Duration.ofSeconds(60)); // the promoted tracker is asked first now
        assertThat(calls.get(calls.size() - 1)).isSameAs(second);
        assertThat(second.lastEvent()).isEqualTo(AnnounceEvent.NONE);
    }

    @Test
    void everyTrackerFailingIsRetriedWithDoublingDelayUpToTheMax() {
        Announcer announcer = announcer(List.of(List.of("http://a/")));
        announcer.start();
        loop.runPendingTasks();
        FakeTracker a = tracker("http://a/");
        for (int expected : new int[] {30, 60, 100, 100}) {
            a.fail();
            assertThat(announcer.nextAnnounceAt()).contains(clock.instant().plusSeconds(expected));
            int before = a.requests.size();
            elapse(Duration.ofSeconds(expected));
            assertThat(a.requests).hasSize(before + 1);
            assertThat(a.lastEvent()).isEqualTo(AnnounceEvent.STARTED);
        }
    }

    @Test
    void completedIsSentOnceEvenWhenCalledDuringAnAnnounce() {
        Announcer announcer = announcer(List.of(List.of("http://a/")));
        announcer.start();
        loop.runPendingTasks();
        FakeTracker a = tracker("http://a/");
        announcer.completed(); // while started is in flight
        loop.runPendingTasks();
        assertThat(a.requests).hasSize(1);
        stats = new TransferStats(0, 1000, 0);
        a.answer(Duration.ofSeconds(600), null);
        assertThat(a.requests).hasSize(2);
        assertThat(a.lastEvent()).isEqualTo(AnnounceEvent.COMPLETED);
        assertThat(a.requests.get(1).left()).isZero();
        a.answer(Duration.ofSeconds(600), null);
        announcer.completed();
        loop.runPendingTasks();
        elapse(Duration.ofSeconds(600));
        assertThat(a.requests).hasSize(3);
        assertThat(a.lastEvent()).isEqualTo(AnnounceEvent.NONE);
    }

    @Test
    void stopSendsStoppedToTrackersToldStartedAndClosesClients() {
        Announcer announcer = announcer(List.of(List.of("http://a/"), List.of("http://b/")));
        announcer.start();
        loop.runPendingTasks();
        FakeTracker a = tracker("http://a/");
        FakeTracker b = tracker("http://b/");
        a.answer(Duration.ofSeconds(600), null);

        CompletableFuture<Void> stopped = announcer.stop();
        loop.runPendingTasks();
        assertThat(a.lastEvent()).isEqualTo(AnnounceEvent.STOPPED);
        assertThat(a.requests.get(1).numWant()).isZero();
        assertThat(b.requests).isEmpty();
        assertThat(stopped).isNotDone();
        a.answer(Duration.ofSeconds(600), null);
        assertThat(stopped).isDone();
        assertThat(a.closed).isTrue();
        assertThat(b.closed).isTrue();
        elapse(Duration.ofSeconds(600));
        assertThat(a.requests).hasSize(2);
        assertThat(announcer.nextAnnounceAt()).isEmpty();
    }

    @Test
    void unsupportedAndBrokenUrlsAreSkipped() {
        Announcer announcer = Announcer.builder()
                .tiers(List.of(List.of("wss://x/", "http://ok/", "::not a url"), List.of("dht://y")))
                .infoHash(InfoHash.of(new byte[20]))
                .peerId(PeerId.of(new byte[20]))
                .port(1)
                .transfer(() -> stats)
                .clients(uri -> {
                    if (!uri.getScheme().startsWith("http")) {
                        throw new IllegalArgumentException("unsupported " + uri);
                    }
                    return new FakeTracker(uri);
                })
                .scheduler((ScheduledExecutorService) loop.eventLoop())
                .build();
        assertThat(announcer.tiers()).containsExactly(List.of(URI.create("http://ok/")));
    }
}
