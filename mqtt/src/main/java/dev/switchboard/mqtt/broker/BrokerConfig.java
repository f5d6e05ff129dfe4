package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.auth.AuthSettings;
import dev.switchboard.mqtt.store.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the MQTT broker needs, validated when built. Defaults: 127.0.0.1:1883.
 *
 * @param bindHost address to listen on; 127.0.0.1 unless opened up explicitly
 * @param port TCP port; 0 picks a free one
 * @param maxConnections connections open at once; more are refused and logged
 * @param maxPacketSize largest packet accepted (checked from the fixed header, before buffering)
 * @param connectTimeout a connection that sends no CONNECT in this time is closed
 * @param maxKeepAliveSeconds a client asking for a longer (or no) keep alive is held to this
 *     (told so with Server Keep Alive in MQTT 5); 0 means no maximum
 * @param maxQueuedMessages messages queued per session. Offline: past it the oldest QoS 0 message is
 *     dropped, else the new one, each drop counted. Online (a slow reader): past it QoS 0 messages
 *     are dropped and the publishers sending to it are no longer read until it is down to half
 *     (back-pressure); its QoS 1 and 2 messages are never dropped
 * @param maxInflight QoS 1 and 2 messages sent to one client and not yet acknowledged (the
 *     broker's own limit; an MQTT 5 client's Receive Maximum lowers it further)
 * @param receiveMaximum QoS 1 and 2 publishes one client may have unacknowledged towards the broker
 * @param topicAliasMaximum topic aliases an MQTT 5 client may use towards the broker (0: none)
 * @param sysInterval how often the $SYS/broker/... topics are published; zero turns them off
 * @param ioThreads event loop threads; 0 means one per core
 * @param clock time for expiry and keep alive
 * @param listeners TLS and WebSocket listeners besides plain TCP; none by default
 * @param auth password file, ACL file and anonymous access (see {@link AuthSettings})
 * @param store where sessions, queues, inflight state and retained messages are kept; the builder
 *     defaults to {@link StoreConfig.Persistence#MEMORY} (embedded use, tests), the CLI to a file
 *     under {@code ./data} with {@code --fsync always} (docs/durability.md)
 * @param limits per-address and per-client limits (see {@link Limits})
 */
public record BrokerConfig(
        String bindHost,
        int port,
        int maxConnections,
        int maxPacketSize,
        Duration connectTimeout,
        int maxKeepAliveSeconds,
        int maxQueuedMessages,
        int maxInflight,
        int receiveMaximum,
        int topicAliasMaximum,
        Duration sysInterval,
        int ioThreads,
        Clock clock,
        Listeners listeners,
        AuthSettings auth,
        StoreConfig store,
        Limits limits) {

    public static final int DEFAULT_PORT = 1883;

    public BrokerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(limits, "limits");
        require(port >= 0 && port <= 65535, "port must be 0-65535, got " + port);
        require(maxConnections >= 1, "max connections must be at least 1, got " + maxConnections);
        require(maxPacketSize >= 64 && maxPacketSize <= 268_435_455,
                "max packet size must be 64 B to 256 MiB, got " + maxPacketSize);
        require(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
                "connect timeout must be positive");
        require(maxKeepAliveSeconds >= 0 && maxKeepAliveSeconds <= 65535, "max keep alive must be 0-65535 s");
        require(maxQueuedMessages >= 1, "max queued messages must be at least 1");
        require(maxInflight >= 1 && maxInflight <= 65535, "max inflight must be 1-65535");
        require(receiveMaximum >= 1 && receiveMaximum <= 65535, "receive maximum must be 1-65535");
        require(topicAliasMaximum >= 0 && topicAliasMaximum <= 65535, "topic alias maximum must be 0-65535");
        require(sysInterval != null && !sysInterval.isNegative(), "sys interval must not be negative");
        require(ioThreads >= 0, "io threads must not be negative");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String bindHost = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private int maxConnections = 19_000;
        private int maxPacketSize = 1024 * 1024;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxKeepAliveSeconds = 0;
        private int maxQueuedMessages = 1000;
        private int maxInflight = 100;
        private int receiveMaximum = 100;
        private int topicAliasMaximum = 10;
        private Duration sysInterval = Duration.ofSeconds(10);
        private int ioThreads = 0;
        private Clock clock = Clock.systemUTC();
        private Listeners listeners = Listeners.none();
        private Path passwordFile;
        private Path aclFile;
        private Boolean allowAnonymous;
        private StoreConfig store = StoreConfig.builder().persistence(StoreConfig.Persistence.MEMORY).build();
        private int maxConnectionsPerAddress = Limits.DEFAULTS.maxConnectionsPerAddress();
        private int maxConnectRatePerAddress = Limits.DEFAULTS.maxConnectRatePerAddress();
        private long maxQueuedBytes = Limits.DEFAULTS.maxQueuedBytes();
        private int maxTopicLevels = Limits.DEFAULTS.maxTopicLevels();
        private int maxTopicLength = Limits.DEFAULTS.maxTopicLength();
        private int maxSubscriptionsPerClient = Limits.DEFAULTS.maxSubscriptionsPerClient();
        private int maxPublishRate = Limits.DEFAULTS.maxPublishRate();
        private long maxPublishBytesRate = Limits.DEFAULTS.maxPublishBytesRate();

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

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxPacketSize(int maxPacketSize) {
            this.maxPacketSize = maxPacketSize;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder maxKeepAliveSeconds(int maxKeepAliveSeconds) {
            this.maxKeepAliveSeconds = maxKeepAliveSeconds;
            return this;
        }

        public Builder maxQueuedMessages(int maxQueuedMessages) {
            this.maxQueuedMessages = maxQueuedMessages;
            return this;
        }

        public Builder maxInflight(int maxInflight) {
            this.maxInflight = maxInflight;
            return this;
        }

        public Builder receiveMaximum(int receiveMaximum) {
            this.receiveMaximum = receiveMaximum;
            return this;
        }

        public Builder topicAliasMaximum(int topicAliasMaximum) {
            this.topicAliasMaximum = topicAliasMaximum;
            return this;
        }

        public Builder sysInterval(Duration sysInterval) {
            this.sysInterval = sysInterval;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder listeners(Listeners listeners) {
            this.listeners = listeners;
            return this;
        }

        /** Users and their password hashes ({@code switchboard mqtt passwd}); none: no user name is verified. */
        public Builder passwordFile(Path passwordFile) {
            this.passwordFile = passwordFile;
            return this;
        }

        /** Who may read and write which topics; none: every topic is open. */
        public Builder aclFile(Path aclFile) {
            this.aclFile = aclFile;
            return this;
        }

        /**
         * Whether clients without a verified user name may connect; null (the default): only while
         * the broker binds a loopback address, as Mosquitto 2 does.
         */
        public Builder allowAnonymous(Boolean allowAnonymous) {
            this.allowAnonymous = allowAnonymous;
            return this;
        }

        /** Where the broker keeps its state (default: in memory, lost at stop). */
        public Builder store(StoreConfig store) {
            this.store = store;
            return this;
        }

        /** Connections open at once from one IP address; 0 (the default): no limit. */
        public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        /** New connections per second from one IP address; 0 (the default): no limit. */
        public Builder maxConnectRatePerAddress(int maxConnectRatePerAddress) {
            this.maxConnectRatePerAddress = maxConnectRatePerAddress;
            return this;
        }

        /** Payload bytes queued per session (default 16 MiB); 0: no limit. */
        public Builder maxQueuedBytes(long maxQueuedBytes) {
            this.maxQueuedBytes = maxQueuedBytes;
            return this;
        }

        /** Levels in a topic name or filter (default 128). */
        public Builder maxTopicLevels(int maxTopicLevels) {
            this.maxTopicLevels = maxTopicLevels;
            return this;
        }

        /** UTF-8 bytes in a topic name or filter (default 65535). */
        public Builder maxTopicLength(int maxTopicLength) {
            this.maxTopicLength = maxTopicLength;
            return this;
        }

        /** Topic filters one session may hold; 0 (the default): no limit. */
        public Builder maxSubscriptionsPerClient(int maxSubscriptionsPerClient) {
            this.maxSubscriptionsPerClient = maxSubscriptionsPerClient;
            return this;
        }

        /** PUBLISH packets per second one connection may send; 0 (the default): no limit. */
        public Builder maxPublishRate(int maxPublishRate) {
            this.maxPublishRate = maxPublishRate;
            return this;
        }

        /** Payload bytes per second one connection may publish; 0 (the default): no limit. */
        public Builder maxPublishBytesRate(long maxPublishBytesRate) {
            this.maxPublishBytesRate = maxPublishBytesRate;
            return this;
        }

        public BrokerConfig build() {
            Objects.requireNonNull(bindHost, "bindHost");
            AuthSettings auth = new AuthSettings(Optional.ofNullable(passwordFile), Optional.ofNullable(aclFile),
                    allowAnonymous != null ? allowAnonymous : AuthSettings.defaultAllowAnonymous(bindHost));
            return new BrokerConfig(bindHost, port, maxConnections, maxPacketSize, connectTimeout,
                    maxKeepAliveSeconds, maxQueuedMessages, maxInflight, receiveMaximum, topicAliasMaximum, sysInterval,
                    ioThreads, clock, listeners, auth, store, new Limits(maxConnectionsPerAddress,
                    maxConnectRatePerAddress, maxQueuedBytes, maxTopicLevels, maxTopicLength, maxSubscriptionsPerClient,
                    maxPublishRate, maxPublishBytesRate));
        }
    }
}
