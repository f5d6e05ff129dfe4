package dev.switchboard.torrent.announce;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.PeerId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one torrent announced to its trackers, in BEP 12 order: tiers first to last, trackers of a
 * tier shuffled once, the first tracker that answers moved to the front of its tier; the next tier
 * is tried only when every tracker of a tier failed. Each tracker is told {@code started} in the
 * first announce it answers; {@link #completed()} sends {@code completed} once; {@link #stop()}
 * sends {@code stopped} to every tracker told {@code started}, waiting at most
 * {@link AnnounceConfig#stopTimeout()}. Regular announces follow the tracker's {@code interval}
 * (never below its {@code min interval} nor {@link AnnounceConfig#minimumInterval()});
 * {@link #announceNow()} asks sooner but respects the min interval. When every tracker failed the
 * round is retried after {@link AnnounceConfig#retryDelay()}, doubling up to the max.
 *
 * <p>Uploaded, downloaded and left come from the engine's {@link TransferStats} supplier at each
 * announce; peers from each reply go to the peers callback. Both are called on the scheduler.
 *
 * <p><b>Threading.</b> All state is confined to the {@code scheduler}, which must run one task at a
 * time (a Netty {@code EventLoop}, or a single-threaded executor); the public methods may be called
 * from any thread and only hand work to it. Time comes from the scheduler's delays and
 * {@link AnnounceConfig#clock()}, so tests drive both without sleeping.
 *
 * <p><b>Private torrents (BEP 27).</b> This class only ever talks to the trackers of the torrent;
 * it is the engine's duty never to add other peer sources (DHT, PEX, local discovery) for a torrent
 * whose info dictionary says {@code private=1}.
 */
public final class Announcer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private final AnnounceConfig config;
    private final ScheduledExecutorService scheduler;
    private final TrackerTiers tiers;
    private final InfoHash infoHash;
    private final PeerId peerId;
    private final int port;
    private final int key;
    private final Supplier<TransferStats> transfer;
    private final Consumer<List<InetSocketAddress>> onPeers;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile List<List<URI>> order;
    private volatile AnnounceResponse lastResponse;
    private volatile Instant nextAnnounceAt;

    // confined to the scheduler
    private boolean running;
    private boolean stopping;
    private boolean inFlight;
    private boolean again;
    private boolean completedPending;
    private boolean completedCalled;
    private Instant lastAnnounce;
    private Duration minInterval;
    private ScheduledFuture<?> next;
    private int failedRounds;

    Announcer(AnnouncerBuilder b) {
        this.config = b.config;
        this.scheduler = b.scheduler;
        this.tiers = new TrackerTiers(b.tiers, b.clients, b.random);
        this.infoHash = b.infoHash;
        this.peerId = b.peerId;
        this.port = b.port;
        this.key = b.key;
        this.transfer = b.transfer;
        this.onPeers = b.onPeers;
        this.order = tiers.uris();
    }

    public static AnnouncerBuilder builder() {
        return new AnnouncerBuilder();
    }

    /** Sends {@code started}; later announces follow by themselves. Calling it again does nothing. */
    public void start() {
        run(() -> {
            if (!running && !stopping) {
                running = true;
                if (tiers.tierCount() == 0) {
                    LOG.warn("announce: torrent {} has no usable tracker", infoHash);
                }
                announce(false);
            }
        });
    }

    /** The download just finished: tells the tracker {@code completed} now (once). */
    public void completed() {
        run(() -> {
            if (!completedCalled) {
                completedCalled = true;
                completedPending = true;
                announce(true);
            }
        });
    }

    /** More peers are wanted: announces now, or as soon as the tracker's min interval allows. */
    public void announceNow() {
        run(() -> {
            if (!running || stopping || inFlight || lastAnnounce == null) {
                return;
            }
            Duration least = minInterval == null ? config.minimumInterval() : minInterval;
            Duration wait = Duration.between(config.clock().instant(), lastAnnounce.plus(least));
            if (wait.isNegative() || wait.isZero()) {
                announce(false);
            } else if (nextAnnounceAt == null || nextAnnounceAt.isAfter(lastAnnounce.plus(least))) {
                schedule(wait);
            }
        });
    }

    /**
     * Stops announcing and tells every tracker told {@code started} that we leave ({@code stopped}),
     * best effort. The future completes when they answered or {@link AnnounceConfig#stopTimeout()}
     * passed, never exceptionally; the clients are closed then. Idempotent.
     */
    public CompletableFuture<Void> stop() {
        run(this::sendStopped);
        return stopped.completeOnTimeout(null, config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> tiers.closeAll());
    }

    /** {@link #stop()} and wait for it (bounded). Call it off the scheduler; on it, use {@link #stop()}. */
    @Override
    public void close() {
        stop().join();
    }

    /** The trackers in the order they are tried now, tier by tier. */
    public List<List<URI>> tiers() {
        return order;
    }

    /** The last accepted reply, if any. */
    public Optional<AnnounceResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /** When the next announce is due, if one is scheduled. */
    public Optional<Instant> nextAnnounceAt() {
        return Optional.ofNullable(nextAnnounceAt);
    }

    private void run(Runnable task) {
        try {
            scheduler.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("announce: scheduler for torrent {} is shut down", infoHash);
            stopped.complete(null);
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("announce: unexpected failure for torrent {}", infoHash, e);
            }
        };
    }

    private void announce(boolean urgent) {
        if (!running || stopping) {
            return;
        }
        if (inFlight) {
            again |= urgent;
            return;
        }
        cancelNext();
        inFlight = true;
        tryTracker(0, 0, transfer.get());
    }

    private void tryTracker(int tier, int index, TransferStats stats) {
        if (tier >= tiers.tierCount()) {
            roundFailed();
            return;
        }
        if (index >= tiers.size(tier)) {
            tryTracker(tier + 1, 0, stats);
            return;
        }
        TrackerTiers.Tracker tracker = tiers.get(tier, index);
        AnnounceEvent event = !tracker.started ? AnnounceEvent.STARTED
                : completedPending ? AnnounceEvent.COMPLETED : AnnounceEvent.NONE;
        CompletableFuture<AnnounceResponse> reply;
        try {
            reply = tracker.client.announce(request(stats, event, config.numWant()));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((response, failure) -> run(() -> {
            if (stopping) {
                return;
            }
            if (failure != null) {
                LOG.warn("announce: tracker {} failed: {}", tracker.client.uri(),
                        AnnounceException.unwrap(failure).getMessage());
                tryTracker(tier, index + 1, stats);
            } else {
                succeeded(tier, index, tracker, event, stats, response);
            }
        }));
    }

    private void succeeded(int tier, int index, TrackerTiers.Tracker tracker, AnnounceEvent event,
            TransferStats stats, AnnounceResponse response) {
        tiers.promote(tier, index);
        order = tiers.uris();
        tracker.started = true;
        if (event == AnnounceEvent.COMPLETED || (event == AnnounceEvent.STARTED && stats.left() == 0)) {
            completedPending = false;
        }
        lastAnnounce = config.clock().instant();
        minInterval = response.minInterval().orElse(null);
        failedRounds = 0;
        lastResponse = response;
        inFlight = false;
        response.warningMessage().ifPresent(w -> LOG.warn("announce: tracker {} warns: {}", tracker.client.uri(), w));
        if (!response.peers().isEmpty()) {
            try {
                onPeers.accept(response.peers());
            } catch (RuntimeException e) {
                LOG.warn("announce: peers callback failed", e);
            }
        }
        if (again) {
            again = false;
            announce(true);
            return;
        }
        Duration wait = response.interval();
        if (minInterval != null && minInterval.compareTo(wait) > 0) {
            wait = minInterval;
        }
        schedule(wait.compareTo(config.minimumInterval()) < 0 ? config.minimumInterval() : wait);
    }

    private void roundFailed() {
        inFlight = false;
        again = false;
        failedRounds++;
        Duration wait = config.retryDelay().multipliedBy(1L << Math.min(failedRounds - 1, 20));
        if (wait.compareTo(config.maxRetryDelay()) > 0) {
            wait = config.maxRetryDelay();
        }
        LOG.warn("announce: no tracker of torrent {} answered; trying again in {} s", infoHash, wait.toSeconds());
        schedule(wait);
    }

    private void schedule(Duration wait) {
        cancelNext();
        nextAnnounceAt = config.clock().instant().plus(wait);
        next = scheduler.schedule(guarded(() -> announce(false)), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        nextAnnounceAt = null;
    }

    private void sendStopped() {
        if (stopping) {
            return;
        }
        stopping = true;
        running = false;
        cancelNext();
        List<TrackerTiers.Tracker> told = tiers.started();
        TransferStats stats = told.isEmpty() ? null : transfer.get();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (TrackerTiers.Tracker tracker : told) {
            CompletableFuture<AnnounceResponse> ack;
            try {
                ack = tracker.client.announce(request(stats, AnnounceEvent.STOPPED, 0));
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            acks.add(ack.handle((r, e) -> {
                if (e != null) {
                    LOG.debug("announce: stopped to {} failed: {}", tracker.client.uri(), e.getMessage());
                }
                return null;
            }));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).thenRun(() -> stopped.complete(null));
    }

    private AnnounceRequest request(TransferStats stats, AnnounceEvent event, int numWant) {
        return new AnnounceRequest(infoHash, peerId, port, stats.uploaded(), stats.downloaded(), stats.left(),
                event, numWant, key);
    }
}
