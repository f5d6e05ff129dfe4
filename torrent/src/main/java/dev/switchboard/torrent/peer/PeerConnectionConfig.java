package dev.switchboard.torrent.peer;

import java.time.Duration;

/**
 * The bounds and timings of one peer connection. Immutable; {@link #defaults()} gives the values below,
 * {@code withX} changes one.
 *
 * @param initialQueueDepth requests we keep outstanding before any throughput is measured (16)
 * @param minQueueDepth lower bound of the adaptive queue depth (2)
 * @param maxQueueDepth upper bound of the adaptive queue depth (500); a peer's BEP 10 {@code reqq}
 *     lowers it further
 * @param requestQueueTime how many seconds of the measured download rate we keep requested (3 s, as
 *     libtorrent's {@code request_queue_time})
 * @param maxPeerRequests requests from the peer we queue (500); past it a request is rejected under the
 *     fast extension, and the peer dropped without it
 * @param keepAliveInterval we send a keep-alive after this long without sending anything (2 min)
 * @param idleTimeout the peer is dropped after this long without a message (3 min)
 * @param handshakeTimeout a connection whose handshake has not completed after this long is dropped
 *     (20 s)
 * @param tickInterval how often the pipeline checks the timings while a direction is idle (5 s)
 * @param fastExtension offer the BEP 6 fast extension (on)
 * @param extensionProtocol offer the BEP 10 extension protocol (on)
 */
public record PeerConnectionConfig(
        int initialQueueDepth,
        int minQueueDepth,
        int maxQueueDepth,
        Duration requestQueueTime,
        int maxPeerRequests,
        Duration keepAliveInterval,
        Duration idleTimeout,
        Duration handshakeTimeout,
        Duration tickInterval,
        boolean fastExtension,
        boolean extensionProtocol) {

    public PeerConnectionConfig {
        if (minQueueDepth < 1 || maxQueueDepth < minQueueDepth
                || initialQueueDepth < minQueueDepth || initialQueueDepth > maxQueueDepth) {
            throw new IllegalArgumentException("queue depths must satisfy 1 <= min <= initial <= max, got min "
                    + minQueueDepth + ", initial " + initialQueueDepth + ", max " + maxQueueDepth);
        }
        if (maxPeerRequests < 1) {
            throw new IllegalArgumentException("maxPeerRequests must be positive, got " + maxPeerRequests);
        }
        for (Duration d : new Duration[] {requestQueueTime, keepAliveInterval, idleTimeout, handshakeTimeout, tickInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
        if (idleTimeout.compareTo(keepAliveInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout + " must exceed keepAliveInterval "
                    + keepAliveInterval + ", or two of us would drop each other");
        }
    }

    public static PeerConnectionConfig defaults() {
        return new PeerConnectionConfig(16, 2, 500, Duration.ofSeconds(3), 500, Duration.ofMinutes(2),
                Duration.ofMinutes(3), Duration.ofSeconds(20), Duration.ofSeconds(5), true, true);
    }

    public PeerConnectionConfig withQueueDepths(int initial, int min, int max) {
        return new PeerConnectionConfig(initial, min, max, requestQueueTime, maxPeerRequests, keepAliveInterval,
                idleTimeout, handshakeTimeout, tickInterval, fastExtension, extensionProtocol);
    }

    public PeerConnectionConfig withMaxPeerRequests(int value) {
        return new PeerConnectionConfig(initialQueueDepth, minQueueDepth, maxQueueDepth, requestQueueTime, value,
                keepAliveInterval, idleTimeout, handshakeTimeout, tickInterval, fastExtension, extensionProtocol);
    }

    public PeerConnectionConfig withTimings(Duration keepAlive, Duration idle, Duration handshake, Duration tick) {
        return new PeerConnectionConfig(initialQueueDepth, minQueueDepth, maxQueueDepth, requestQueueTime,
                maxPeerRequests, keepAlive, idle, handshake, tick, fastExtension, extensionProtocol);
    }

    public PeerConnectionConfig withExtensions(boolean fast, boolean extensions) {
        return new PeerConnectionConfig(initialQueueDepth, minQueueDepth, maxQueueDepth, requestQueueTime,
                maxPeerRequests, keepAliveInterval, idleTimeout, handshakeTimeout, tickInterval, fast, extensions);
    }
}
