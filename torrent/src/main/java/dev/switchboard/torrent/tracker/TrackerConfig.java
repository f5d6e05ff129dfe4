package dev.switchboard.torrent.tracker;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a tracker needs, validated when built. Defaults: 127.0.0.1:6969 (HTTP and UDP on that
 * one port number), announce every 30 minutes, 50 peers a reply unless the client asks (at most 200).
 *
 * @param bindHost address to listen on; 127.0.0.1 unless the user opens it up explicitly
 * @param port TCP port for HTTP and UDP port for BEP 15, the same number; 0 picks one that is free
 *     for both (see {@link TrackerServer#localAddress()})
 * @param announceInterval the {@code interval} sent to clients
 * @param peerGrace a peer not heard from for the interval plus this is dropped from its swarm
 * @param defaultNumWant peers in a reply when the client does not say how many it wants
 * @param maxNumWant most peers in one reply, whatever the client asks for
 * @param maxPeersPerTorrent peers kept for one torrent; a new peer past it still gets peers but is
 *     not remembered (logged)
 * @param maxTorrents torrents tracked at once; announces for a new one past it are refused (logged)
 * @param maxPeers peers kept over all torrents together (logged when hit)
 * @param maxScrapeHashes info-hashes in one scrape (BEP 15 fits about 74 in a datagram)
 * @param maxRequestLineLength longest HTTP request line (method, path and query) accepted; longer
 *     ones are answered 414
 * @param maxHeaderSize largest HTTP header block accepted; larger ones are answered 431
 * @param maxConnections HTTP connections open at once; more are refused and logged
 * @param idleTimeout an HTTP connection that sends nothing for this long is closed
 * @param ioThreads event loop threads; 0 means one per core. With native epoll the UDP port gets one
 *     socket per thread ({@code SO_REUSEPORT}), so datagrams are read on all of them
 * @param sweepInterval how often expired peers and empty swarms are removed
 * @param allowList the torrents served
 * @param clock the time peers are stamped and expired with, and connection ids are made with
 */
public record TrackerConfig(
        String bindHost,
        int port,
        Duration announceInterval,
        Duration peerGrace,
        int defaultNumWant,
        int maxNumWant,
        int maxPeersPerTorrent,
        int maxTorrents,
        int maxPeers,
        int maxScrapeHashes,
        int maxRequestLineLength,
        int maxHeaderSize,
        int maxConnections,
        Duration idleTimeout,
        int ioThreads,
        Duration sweepInterval,
        AllowList allowList,
        Clock clock) {

    public static final int DEFAULT_PORT = 6969;
    /** The most peers one reply may ever carry; 1,000 IPv6 peers still fit one UDP datagram. */
    public static final int NUMWANT_CEILING = 1000;
    /** The most info-hashes in one scrape; a BEP 15 scrape of 100 still fits the UDP receive buffer. */
    public static final int SCRAPE_CEILING = 100;

    public TrackerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(allowList, "allowList");
        Objects.requireNonNull(clock, "clock");
        require(port >= 0 && port <= 65535, "port must be 0-65535, got " + port);
        require(atLeast(announceInterval, Duration.ofSeconds(1)),
                "announce interval must be at least 1s, got " + announceInterval);
        require(announceInterval.toSeconds() <= Integer.MAX_VALUE, "announce interval is too long");
        require(peerGrace != null && !peerGrace.isNegative(), "peer grace must not be negative");
        require(maxNumWant >= 1 && maxNumWant <= NUMWANT_CEILING,
                "max numwant must be 1-" + NUMWANT_CEILING + ", got " + maxNumWant);
        require(defaultNumWant >= 0 && defaultNumWant <= maxNumWant,
                "default numwant must be 0-" + maxNumWant + " (max numwant), got " + defaultNumWant);
        require(maxPeersPerTorrent >= 1, "max peers per torrent must be at least 1, got " + maxPeersPerTorrent);
        require(maxTorrents >= 1, "max torrents must be at least 1, got " + maxTorrents);
        require(maxPeers >= 1, "max peers must be at least 1, got " + maxPeers);
        require(maxScrapeHashes >= 1 && maxScrapeHashes <= SCRAPE_CEILING,
                "max scrape info-hashes must be 1-" + SCRAPE_CEILING + ", got " + maxScrapeHashes);
        require(maxRequestLineLength >= 256, "max request line must be at least 256 bytes, got " + maxRequestLineLength);
        require(maxHeaderSize >= 1024, "max header size must be at least 1KiB, got " + maxHeaderSize);
        require(maxConnections >= 1, "max connections must be at least 1, got " + maxConnections);
        require(atLeast(idleTimeout, Duration.ofMillis(1)), "idle timeout must be positive, got " + idleTimeout);
        require(ioThreads >= 0, "io threads must not be negative, got " + ioThreads);
        require(atLeast(sweepInterval, Duration.ofMillis(1)), "sweep interval must be positive, got " + sweepInterval);
    }

    /** How long a peer stays in its swarm without announcing. */
    public Duration peerExpiry() {
        return announceInterval.plus(peerGrace);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static boolean atLeast(Duration d, Duration min) {
        return d != null && d.compareTo(min) >= 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static final class Builder {
        private String bindHost = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Duration announceInterval = Duration.ofMinutes(30);
        private Duration peerGrace = Duration.ofMinutes(5);
        private int defaultNumWant = 50;
        private int maxNumWant = 200;
        private int maxPeersPerTorrent = 5_000;
        private int maxTorrents = 100_000;
        private int maxPeers = 1_000_000;
        private int maxScrapeHashes = 74;
        private int maxRequestLineLength = 8 * 1024;
        private int maxHeaderSize = 8 * 1024;
        private int maxConnections = 10_000;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int ioThreads = 0;
        private Duration sweepInterval = Duration.ofMinutes(1);
        private AllowList allowList = AllowList.everything();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder bindHost(String bindHost) {
            this.bindHost = bindHost;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder announceInterval(Duration announceInterval) {
            this.announceInterval = announceInterval;
            return this;
        }

        public Builder peerGrace(Duration peerGrace) {
            this.peerGrace = peerGrace;
            return this;
        }

        public Builder defaultNumWant(int defaultNumWant) {
            this.defaultNumWant = defaultNumWant;
            return this;
        }

        public Builder maxNumWant(int maxNumWant) {
            this.maxNumWant = maxNumWant;
            return this;
        }

        public Builder maxPeersPerTorrent(int maxPeersPerTorrent) {
            this.maxPeersPerTorrent = maxPeersPerTorrent;
            return this;
        }

        public Builder maxTorrents(int maxTorrents) {
            this.maxTorrents = maxTorrents;
            return this;
        }

        public Builder maxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
            return this;
        }

        public Builder maxScrapeHashes(int maxScrapeHashes) {
            this.maxScrapeHashes = maxScrapeHashes;
            return this;
        }

        public Builder maxRequestLineLength(int maxRequestLineLength) {
            this.maxRequestLineLength = maxRequestLineLength;
            return this;
        }

        public Builder maxHeaderSize(int maxHeaderSize) {
            this.maxHeaderSize = maxHeaderSize;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder sweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
            return this;
        }

        public Builder allowList(AllowList allowList) {
            this.allowList = allowList;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TrackerConfig build() {
            return new TrackerConfig(bindHost, port, announceInterval, peerGrace, defaultNumWant, maxNumWant,
                    maxPeersPerTorrent, maxTorrents, maxPeers, maxScrapeHashes, maxRequestLineLength,
                    maxHeaderSize, maxConnections, idleTimeout, ioThreads, sweepInterval, allowList, clock);
        }
    }
}
