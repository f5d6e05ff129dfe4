package dev.switchboard.torrent.client;

import java.time.Duration;
import java.time.Instant;

/**
 * A rate in bytes per second from a growing byte count sampled now and then: each sample's rate over
 * the time since the last one counts half, the older average the other half. Samples closer than
 * 200 ms are ignored. Not thread-safe: one torrent's executor samples it.
 */
final class TransferRate {
    private static final long MIN_SAMPLE_NANOS = Duration.ofMillis(200).toNanos();

    private long lastBytes;
    private Instant lastAt;
    private double rate;

    TransferRate(Instant start) {
        this.lastAt = start;
    }

    void sample(long totalBytes, Instant now) {
        long nanos = Duration.between(lastAt, now).toNanos();
        if (nanos < MIN_SAMPLE_NANOS) {
            return;
        }
        double current = (totalBytes - lastBytes) * 1e9 / nanos;
        rate = (rate + current) / 2;
        lastBytes = totalBytes;
        lastAt = now;
    }

    long bytesPerSecond() {
        return (long) rate;
    }
}
