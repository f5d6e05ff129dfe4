package dev.switchboard.reqrep.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a request/response server needs, validated when built. Defaults: 127.0.0.1:1234,
 * 10,000 connections, 30 s idle timeout, 16 MiB frames.
 *
 * @param bindHost address to listen on; 127.0.0.1 unless the user opens it up explicitly
 * @param port TCP port; 0 picks a free one (see {@link ReqRepServer#localAddress()})
 * @param maxConnections connections open at once; more are refused and logged
 * @param idleTimeout a connection that completes no request (or raw message) in this time, and has
 *     nothing in flight, is closed; bytes trickled in without completing a frame do not count
 * @param maxFrameLength the largest frame (value of its length field) accepted or sent
 * @param maxInflightPerConnection requests one connection may have in flight; past it the server
 *     stops reading from that connection until half have been answered (TCP back-pressure)
 * @param workerThreads threads of the pool that runs blocking routes
 * @param workerQueue blocking requests waiting for a worker; past it they are answered OVERLOADED
 * @param handlerTimeout a request whose handler has not answered in this time is answered TIMEOUT
 * @param drainTimeout on shutdown, how long in-flight requests get to finish
 * @param rawRoute the route that answers raw-mode (plain socket) clients
 * @param ioThreads event loop threads; 0 means one per core
 * @param routes the routes served
 */
public record ReqRepServerConfig(
        String bindHost,
        int port,
        int maxConnections,
        Duration idleTimeout,
        int maxFrameLength,
        int maxInflightPerConnection,
        int workerThreads,
        int workerQueue,
        Duration handlerTimeout,
        Duration drainTimeout,
        String rawRoute,
        int ioThreads,
        Routes routes) {

    public static final int DEFAULT_PORT = 1234;
    public static final int DEFAULT_MAX_FRAME = 16 * 1024 * 1024;

    public ReqRepServerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(routes, "routes");
        require(port >= 0 && port <= 65535, "port must be 0-65535, got " + port);
        require(maxConnections >= 1, "max connections must be at least 1, got " + maxConnections);
        require(positive(idleTimeout), "idle timeout must be positive, got " + idleTimeout);
        require(maxFrameLength >= 1024, "max frame must be at least 1KiB, got " + maxFrameLength + " bytes");
        require(maxInflightPerConnection >= 1, "max in-flight per connection must be at least 1");
        require(workerThreads >= 1, "worker threads must be at least 1, got " + workerThreads);
        require(workerQueue >= 0, "worker queue must not be negative, got " + workerQueue);
        require(positive(handlerTimeout), "handler timeout must be positive, got " + handlerTimeout);
        require(drainTimeout != null && !drainTimeout.isNegative(), "drain timeout must not be negative");
        require(ioThreads >= 0, "io threads must not be negative, got " + ioThreads);
        require(routes.get(rawRoute) != null,
                "raw route '" + rawRoute + "' is not registered; routes are " + routes.names());
    }

    public static Builder builder() {
        return new Builder();
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
        private String bindHost = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private int maxConnections = 10_000;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxFrameLength = DEFAULT_MAX_FRAME;
        private int maxInflightPerConnection = 1024;
        private int workerThreads = 32;
        private int workerQueue = 1024;
        private Duration handlerTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(10);
        private String rawRoute = "hello";
        private int ioThreads = 0;
        private Routes routes = Routes.builtIn();

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

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        public Builder maxInflightPerConnection(int maxInflightPerConnection) {
            this.maxInflightPerConnection = maxInflightPerConnection;
            return this;
        }

        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        public Builder workerQueue(int workerQueue) {
            this.workerQueue = workerQueue;
            return this;
        }

        public Builder handlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public Builder rawRoute(String rawRoute) {
            this.rawRoute = rawRoute;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder routes(Routes routes) {
            this.routes = routes;
            return this;
        }

        public ReqRepServerConfig build() {
            return new ReqRepServerConfig(bindHost, port, maxConnections, idleTimeout, maxFrameLength,
                    maxInflightPerConnection, workerThreads, workerQueue, handlerTimeout, drainTimeout,
                    rawRoute, ioThreads, routes);
        }
    }
}
