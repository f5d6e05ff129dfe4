package dev.switchboard.torrent.client;

import dev.switchboard.torrent.announce.AnnounceConfig;
import dev.switchboard.torrent.peer.PeerConnectionConfig;
import dev.switchboard.torrent.strategy.ChokerConfig;
import dev.switchboard.torrent.tracker.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Everything one {@link TorrentClient} runs with, validated when built ({@link #builder()}).
 *
 * @param bindHost address the peer listener binds (127.0.0.1)
 * @param port TCP port for incoming peers (6881; 0 picks a free one)
 * @param maxPeers connections per torrent, both directions together (50)
 * @param downloadLimit bytes per second received over all torrents, 0 for no limit
 * @param uploadLimit bytes per second sent over all torrents, 0 for no limit
 * @param peerIdPrefix the start of our peer id, Azureus style ({@code -SB0100-}); the rest is random
 * @param seedAfterCompletion keep serving a torrent once it is complete (otherwise it stops)
 * @param clock the time choking, keep-alives and rates are measured in
 * @param ioThreads event loops for peer connections and torrent state (0: one per core)
 * @param diskThreads threads for blocking file reads and writes (2)
 * @param diskQueue disk operations waiting at most; past it writes are retried later, reads refused
 * @param writeBacklog bytes of received blocks waiting for the disk, per torrent, past which no new blocks
 *     are requested until half of them are written (16 MiB); what is already requested still arrives
 * @param connectTimeout how long an outgoing connection may take
 * @param connection per-connection bounds and timings
 * @param choker tit-for-tat slots and intervals
 * @param announce tracker client settings
 */
public record PeerConfig(
        String bindHost,
        int port,
        int maxPeers,
        long downloadLimit,
        long uploadLimit,
        String peerIdPrefix,
        boolean seedAfterCompletion,
        Clock clock,
        int ioThreads,
        int diskThreads,
        int diskQueue,
        long writeBacklog,
        Duration connectTimeout,
        PeerConnectionConfig connection,
        ChokerConfig choker,
        AnnounceConfig announce) {

    /** The BitTorrent peer port everyone expects (BEP 3's 6881). */
    public static final int DEFAULT_PORT = 6881;
    /** Our client code and version in the peer id. */
    public static final String DEFAULT_PEER_ID_PREFIX = "-SB0100-";
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    public PeerConfig {
        require(bindHost != null && !bindHost.isBlank(), "bind host must not be empty");
        require(port >= 0 && port <= 65535, "port must be 0-65535, got " + port);
        require(maxPeers >= 1, "max peers must be at least 1, got " + maxPeers);
        require(downloadLimit >= 0, "download limit must not be negative, got " + downloadLimit);
        require(uploadLimit >= 0, "upload limit must not be negative, got " + uploadLimit);
        require(peerIdPrefix != null && !peerIdPrefix.isEmpty() && peerIdPrefix.length() <= PeerId.LENGTH
                && StandardCharsets.US_ASCII.newEncoder().canEncode(peerIdPrefix),
                "peer id prefix must be 1-20 ASCII characters, got " + peerIdPrefix);
        Objects.requireNonNull(clock, "clock");
        require(ioThreads >= 0, "io threads must not be negative, got " + ioThreads);
        require(diskThreads >= 1, "disk threads must be at least 1, got " + diskThreads);
        require(diskQueue >= 16, "disk queue must be at least 16, got " + diskQueue);
        require(writeBacklog >= 16 * 1024, "write backlog must be at least one 16 KiB block, got " + writeBacklog);
        require(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
                "connect timeout must be positive, got " + connectTimeout);
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(choker, "choker");
        Objects.requireNonNull(announce, "announce");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh peer id: the prefix, then random letters and digits up to 20 bytes. */
    public PeerId newPeerId(Random random) {
        StringBuilder id = new StringBuilder(peerIdPrefix);
        while (id.length() < PeerId.LENGTH) {
            id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        }
        return PeerId.of(id.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a {@link PeerConfig}; every setter has the default documented on the record. */
    public static final class Builder {
        private String bindHost = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private int maxPeers = 50;
        private long downloadLimit;
        private long uploadLimit;
        private String peerIdPrefix = DEFAULT_PEER_ID_PREFIX;
        private boolean seedAfterCompletion;
        private Clock clock = Clock.systemUTC();
        private int ioThreads;
        private int diskThreads = 2;
        private int diskQueue = 4096;
        private long writeBacklog = 16L * 1024 * 1024;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private PeerConnectionConfig connection = PeerConnectionConfig.defaults();
        private ChokerConfig choker = ChokerConfig.DEFAULT;
        private AnnounceConfig announce;

        private Builder() {
        }

        public Builder bindHost(String value) {
            this.bindHost = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder maxPeers(int value) {
            this.maxPeers = value;
            return this;
        }

        /** Bytes per second, 0 for no limit. */
        public Builder downloadLimit(long value) {
            this.downloadLimit = value;
            return this;
        }

        /** Bytes per second, 0 for no limit. */
        public Builder uploadLimit(long value) {
            this.uploadLimit = value;
            return this;
        }

        public Builder peerIdPrefix(String value) {
            this.peerIdPrefix = value;
            return this;
        }

        public Builder seedAfterCompletion(boolean value) {
            this.seedAfterCompletion = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder ioThreads(int value) {
            this.ioThreads = value;
            return this;
        }

        public Builder diskThreads(int value) {
            this.diskThreads = value;
            return this;
        }

        public Builder diskQueue(int value) {
            this.diskQueue = value;
            return this;
        }

        /** Bytes, per torrent. */
        public Builder writeBacklog(long value) {
            this.writeBacklog = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder connection(PeerConnectionConfig value) {
            this.connection = value;
            return this;
        }

        public Builder choker(ChokerConfig value) {
            this.choker = value;
            return this;
        }

        /** Tracker client settings; by default {@link AnnounceConfig}'s own, on this builder's clock. */
        public Builder announce(AnnounceConfig value) {
            this.announce = value;
            return this;
        }

        public PeerConfig build() {
            AnnounceConfig announceConfig = announce != null ? announce
                    : AnnounceConfig.builder().clock(clock).build();
            return new PeerConfig(bindHost, port, maxPeers, downloadLimit, uploadLimit, peerIdPrefix,
                    seedAfterCompletion, clock, ioThreads, diskThreads, diskQueue, writeBacklog, connectTimeout, connection,
                    choker, announceConfig);
        }
    }
}
