package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.wire.PeerMessage.Request;
import dev.switchboard.torrent.wire.PeerWireLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests we sent one peer and have not had answered, with an adaptive queue depth in the manner
 * of libtorrent's {@code request_queue_time}: keep enough requested to cover {@code requestQueueTime} of
 * the download rate measured from this peer, so a fast peer is never starved by round trips and a slow
 * one does not hoard blocks others could serve. The rate is sampled over windows of at least one
 * second and smoothed (each new window counts half), and the depth bounded by the configured minimum
 * and maximum and by the peer's BEP 10 {@code reqq}. Not thread-safe; owned by a {@link PeerConnection}.
 */
final class OutstandingRequests {
    private static final Duration SAMPLE = Duration.ofSeconds(1);

    private final PeerConnectionConfig config;
    private final Map<Request, Instant> sent = new LinkedHashMap<>();
    private int depth;
    private int peerLimit = Integer.MAX_VALUE;
    private double bytesPerSecond = -1;
    private long windowBytes;
    private Instant windowStart;

    OutstandingRequests(PeerConnectionConfig config) {
        this.config = config;
        this.depth = config.initialQueueDepth();
    }

    int depth() {
        return Math.min(depth, peerLimit);
    }

    int size() {
        return sent.size();
    }

    int slots() {
        return Math.max(0, depth() - sent.size());
    }

    boolean contains(Request request) {
        return sent.containsKey(request);
    }

    /** The measured rate in bytes per second, or -1 before the first sample. */
    double bytesPerSecond() {
        return bytesPerSecond;
    }

    void limitTo(int reqq) {
        peerLimit = Math.max(config.minQueueDepth(), reqq);
    }

    void add(Request request, Instant now) {
        if (sent.isEmpty() && windowBytes == 0) {
            windowStart = now; // the link was idle: do not count the idle time against the rate
        }
        sent.put(request, now);
    }

    boolean remove(Request request) {
        return sent.remove(request) != null;
    }

    /** Removes an answered request and counts its bytes towards the rate. */
    boolean answered(Request request, Instant now) {
        if (!remove(request)) {
            return false;
        }
        windowBytes += request.length();
        long elapsed = Duration.between(windowStart, now).toNanos();
        if (elapsed >= SAMPLE.toNanos()) {
            double rate = windowBytes * 1e9 / elapsed;
            bytesPerSecond = bytesPerSecond < 0 ? rate : (bytesPerSecond + rate) / 2;
            double wanted = bytesPerSecond * config.requestQueueTime().toNanos() / 1e9 / PeerWireLimits.MAX_BLOCK_LENGTH;
            depth = (int) Math.max(config.minQueueDepth(), Math.min(config.maxQueueDepth(), Math.ceil(wanted)));
            windowBytes = 0;
            windowStart = now;
        }
        return true;
    }

    List<Request> list() {
        return new ArrayList<>(sent.keySet());
    }

    List<Request> clear() {
        List<Request> all = list();
        sent.clear();
        return all;
    }
}
