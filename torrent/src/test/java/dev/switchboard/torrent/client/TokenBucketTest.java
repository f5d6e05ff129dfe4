package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void unlimitedNeverWaits() {
        TokenBucket bucket = new TokenBucket(0, nanos::get);
        assertThat(bucket.isLimited()).isFalse();
        assertThat(bucket.reserve(Long.MAX_VALUE / 2)).isZero();
    }

    @Test
    void burstGoesAtOnceThenDebtIsWaitedOffAtTheRate() {
        TokenBucket bucket = new TokenBucket(1024 * 1024, nanos::get); // burst: 256 KiB
        assertThat(bucket.reserve(256 * 1024)).isZero();
        // 512 KiB more at 1 MiB/s: half a second of debt
        assertThat(bucket.reserve(512 * 1024)).isEqualTo(500_000_000L);
        nanos.addAndGet(500_000_000L);
        assertThat(bucket.reserve(1)).isPositive().isLessThan(1_000_000L);
    }

    @Test
    void delaysNeverDropBytesSoTheLongRunRateIsTheLimit() {
        long rate = 100_000;
        TokenBucket bucket = new TokenBucket(rate, nanos::get);
        long start = nanos.get();
        long sent = 0;
        for (int i = 0; i < 1000; i++) {
            long wait = bucket.reserve(16 * 1024);
            nanos.addAndGet(wait); // the caller waits, then moves the bytes
            sent += 16 * 1024;
        }
        double seconds = (nanos.get() - start) / 1e9;
        assertThat(sent / seconds).isBetween(rate * 0.95, rate * 1.05);
    }

    @Test
    void idleTimeRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(64 * 1024, nanos::get); // burst: the 16 KiB minimum
        nanos.addAndGet(60_000_000_000L);
        assertThat(bucket.reserve(16 * 1024)).isZero();
        assertThat(bucket.reserve(16 * 1024)).isEqualTo(250_000_000L);
    }

    @Test
    void negativeRateIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(-1, nanos::get)).hasMessageContaining("negative");
    }
}
