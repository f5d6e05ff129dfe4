package dev.switchboard.cli.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The latch a torrent command waits on: a wake ends a wait at once without counting as a signal. */
class StopSignalTest {
    @Test
    void wakeEndsAWaitEarlyWithoutCountingAsASignal() throws InterruptedException {
        StopSignal stop = StopSignal.install();
        try {
            stop.wake();
            long start = System.nanoTime();
            assertThat(stop.await(20_000)).isFalse();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
            assertThat(stop.received()).isFalse();
        } finally {
            stop.finished();
        }
    }

    @Test
    void withoutAWakeTheWaitRunsItsTime() throws InterruptedException {
        StopSignal stop = StopSignal.install();
        try {
            long start = System.nanoTime();
            assertThat(stop.await(50)).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        } finally {
            stop.finished();
        }
    }
}
