package dev.switchboard.reqrep.client;

import dev.switchboard.reqrep.server.ReqRepServerConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a request/response client needs, validated when built.
 *
 * @param address the server
 * @param connections size of the connection pool
 * @param requestTimeout default time a request may wait for its answer
 * @param connectTimeout time one connection attempt may take
 * @param maxPendingRequests requests waiting for an answer across the whole client; one more
 *     fails at once with OVERLOADED, so a caller that outruns the server cannot fill the heap
 * @param maxInflightPerConnection requests one connection carries at once
 * @param maxFrameLength largest frame accepted or sent
 * @param reconnectBackoffMin first delay before reconnecting a lost connection; doubles per failure
 * @param reconnectBackoffMax the longest delay between reconnect attempts
 * @param ioThreads event loop threads; 0 means one per core
 */
public record ReqRepClientConfig(
        InetSocketAddress address,
        int connections,
        Duration requestTimeout,
        Duration connectTimeout,
        int maxPendingRequests,
        int maxInflightPerConnection,
        int maxFrameLength,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        int ioThreads) {

    public ReqRepClientConfig {
        Objects.requireNonNull(address, "address");
        require(connections >= 1, "connections must be at least 1, got " + connections);
        require(positive(requestTimeout), "request timeout must be positive, got " + requestTimeout);
        require(positive(connectTimeout), "connect timeout must be positive, got " + connectTimeout);
        require(maxPendingRequests >= 1, "max pending requests must be at least 1, got " + maxPendingRequests);
        require(maxInflightPerConnection >= 1, "max in-flight per connection must be at least 1");
        require(maxFrameLength >= 1024, "max frame must be at least 1KiB, got " + maxFrameLength);
        require(positive(reconnectBackoffMin), "reconnect backoff must be positive");
        require(positive(reconnectBackoffMax) && reconnectBackoffMax.compareTo(reconnectBackoffMin) >= 0,
                "max reconnect backoff must be at least the min");
        require(ioThreads >= 0, "io threads must not be negative");
    }

    public static Builder builder(InetSocketAddress address) {
        return new Builder(address);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static final class Builder {
        private final InetSocketAddress address;
        private int connections = 1;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxPendingRequests = 10_000;
        private int maxInflightPerConnection = 1024;
        private int maxFrameLength = ReqRepServerConfig.DEFAULT_MAX_FRAME;
        private Duration reconnectBackoffMin = Duration.ofMillis(100);
        private Duration reconnectBackoffMax = Duration.ofSeconds(10);
        private int ioThreads = 0;

        private Builder(InetSocketAddress address) {
            this.address = address;
        }

        public Builder connections(int connections) {
            this.connections = connections;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder maxPendingRequests(int maxPendingRequests) {
            this.maxPendingRequests = maxPendingRequests;
            return this;
        }

        public Builder maxInflightPerConnection(int maxInflightPerConnection) {
            this.maxInflightPerConnection = maxInflightPerConnection;
            return this;
        }

        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectBackoffMin = min;
            this.reconnectBackoffMax = max;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public ReqRepClientConfig build() {
            return new ReqRepClientConfig(address, connections, requestTimeout, connectTimeout, maxPendingRequests,
                    maxInflightPerConnection, maxFrameLength, reconnectBackoffMin, reconnectBackoffMax, ioThreads);
        }
    }
}
