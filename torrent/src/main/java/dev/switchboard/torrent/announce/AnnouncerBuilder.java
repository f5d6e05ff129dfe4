package dev.switchboard.torrent.announce;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.tracker.PeerId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collects what an {@link Announcer} needs. Required: the trackers ({@link #torrent} or
 * {@link #tiers}), {@link #infoHash} (set by {@link #torrent}), {@link #peerId}, {@link #port},
 * {@link #transfer}, {@link #clients} and {@link #scheduler}.
 */
public final class AnnouncerBuilder {
    List<List<String>> tiers;
    InfoHash infoHash;
    PeerId peerId;
    int port;
    int key = new SecureRandom().nextInt();
    Supplier<TransferStats> transfer;
    Consumer<List<InetSocketAddress>> onPeers = peers -> { };
    Function<URI, TrackerClient> clients;
    ScheduledExecutorService scheduler;
    AnnounceConfig config = AnnounceConfig.builder().build();
    Random random = new SecureRandom();

    AnnouncerBuilder() {
    }

    /** The torrent's info-hash and its tracker tiers ({@link Metainfo#trackerTiers()}). */
    public AnnouncerBuilder torrent(Metainfo metainfo) {
        this.infoHash = metainfo.infoHash();
        this.tiers = metainfo.trackerTiers();
        return this;
    }

    /** BEP 12 tiers of announce URLs; a single tracker is one tier of one. */
    public AnnouncerBuilder tiers(List<List<String>> tiers) {
        this.tiers = tiers.stream().map(List::copyOf).toList();
        return this;
    }

    public AnnouncerBuilder infoHash(InfoHash infoHash) {
        this.infoHash = infoHash;
        return this;
    }

    public AnnouncerBuilder peerId(PeerId peerId) {
        this.peerId = peerId;
        return this;
    }

    /** The TCP port our peer accepts connections on. */
    public AnnouncerBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** The BEP 7 key, random by default; fixed for the session. */
    public AnnouncerBuilder key(int key) {
        this.key = key;
        return this;
    }

    /** Uploaded, downloaded and left now; asked at each announce, on the scheduler. */
    public AnnouncerBuilder transfer(Supplier<TransferStats> transfer) {
        this.transfer = transfer;
        return this;
    }

    /** Receives the peers of each reply that has some, on the scheduler. */
    public AnnouncerBuilder onPeers(Consumer<List<InetSocketAddress>> onPeers) {
        this.onPeers = onPeers;
        return this;
    }

    /** Tracker clients from the shared factory, with its configuration. */
    public AnnouncerBuilder clients(TrackerClients clients) {
        this.clients = clients::open;
        this.config = clients.config();
        return this;
    }

    /** Any way to make a client per URL (tests pass fakes); may throw IllegalArgumentException to skip one. */
    public AnnouncerBuilder clients(Function<URI, TrackerClient> clients) {
        this.clients = clients;
        return this;
    }

    /** Runs every task of the announcer, one at a time: a Netty event loop or a single-threaded executor. */
    public AnnouncerBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    public AnnouncerBuilder config(AnnounceConfig config) {
        this.config = config;
        return this;
    }

    /** Shuffles each tier once (BEP 12); seeded in tests. */
    public AnnouncerBuilder random(Random random) {
        this.random = random;
        return this;
    }

    public Announcer build() {
        Objects.requireNonNull(tiers, "tiers (or torrent)");
        Objects.requireNonNull(infoHash, "infoHash (or torrent)");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(onPeers, "onPeers");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(random, "random");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        return new Announcer(this);
    }
}
