package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.SettableClock;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-loop read-deadline sweep, on an EmbeddedChannel's loop with its time frozen and a
 * settable clock, both moved by hand one sweep period at a time.
 */
class IdleSweepTest {
    private static final Duration PERIOD = Duration.ofMillis(100);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final EventExecutor loop = channel.eventLoop();
    private final SettableClock clock = new SettableClock();
    private final IdleSweep sweep = new IdleSweep(clock, PERIOD);
    private final List<String> idle = new ArrayList<>();

    {
        channel.freezeTime();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Moves both clocks by {@code periods} sweep periods, one period (and one sweep) at a time. */
    private void pass(int periods) {
        for (int i = 0; i < periods; i++) {
            clock.advance(PERIOD);
            channel.advanceTimeBy(PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    private ReadDeadline watch(String name, Duration timeout) {
        return sweep.watch(loop, timeout, () -> idle.add(name));
    }

    @Test
    void aSilentConnectionIsCalledBackOnceItsTimeoutHasPassed() {
        watch("a", Duration.ofMillis(500));
        pass(4);
        assertThat(idle).isEmpty();
        pass(1);
        assertThat(idle).containsExactly("a");
    }

    @Test
    void aReadStartsTheTimeoutAgainAndIsNeverCountedEarly() {
        ReadDeadline a = watch("a", Duration.ofMillis(500));
        pass(3);
        a.touch();
        pass(5); // the read is dated by the sweep that saw it: 5 periods after that one is exactly the timeout
        assertThat(idle).isEmpty();
        pass(1);
        assertThat(idle).containsExactly("a");
    }

    @Test
    void aConnectionThatStaysSilentIsCalledBackAgainAfterEachFurtherTimeout() {
        watch("a", Duration.ofMillis(300));
        pass(3);
        assertThat(idle).containsExactly("a");
        pass(2);
        assertThat(idle).containsExactly("a");
        pass(1);
        assertThat(idle).containsExactly("a", "a");
    }

    @Test
    void aNewTimeoutCountsFromWhenItIsSet() {
        ReadDeadline a = watch("a", Duration.ofMillis(200));
        pass(1);
        a.timeout(Duration.ofMillis(1500)); // CONNECT arrived: keep alive 1 s x 1.5
        pass(14);
        assertThat(idle).isEmpty();
        pass(1);
        assertThat(idle).containsExactly("a");
    }

    @Test
    void aZeroTimeoutAndCancelStopTheCallBacks() {
        ReadDeadline a = watch("a", Duration.ofMillis(200));
        ReadDeadline b = watch("b", Duration.ofMillis(200));
        assertThat(sweep.watched(loop)).isEqualTo(2);
        a.timeout(Duration.ZERO);
        b.cancel();
        b.cancel();
        assertThat(sweep.watched(loop)).isZero();
        pass(10);
        assertThat(idle).isEmpty();
    }

    @Test
    void theSweepStopsWhenItsLoopHasNoDeadlinesAndStartsAgainWithTheNextOne() {
        watch("a", Duration.ofMillis(200)).cancel();
        pass(1);
        long before = channel.runScheduledPendingTasks();
        assertThat(before).as("no sweep is scheduled on an empty loop").isEqualTo(-1);
        watch("b", Duration.ofMillis(200));
        pass(2);
        assertThat(idle).containsExactly("b");
    }

    @Test
    void aCallBackMayCancelDeadlinesWhileTheSweepRuns() {
        List<ReadDeadline> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "c" + i;
            all.add(sweep.watch(loop, Duration.ofMillis(100), () -> {
                idle.add(name);
                all.forEach(ReadDeadline::cancel); // the first one called back closes every connection
            }));
        }
        pass(1);
        assertThat(idle).hasSize(1);
        assertThat(sweep.watched(loop)).isZero();
        pass(5);
        assertThat(idle).hasSize(1);
    }

    @Test
    void everyDeadlineOfManyIsCalledBackOnceAfterRemovalsInBetween() {
        List<ReadDeadline> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(watch("c" + i, Duration.ofMillis(300)));
        }
        for (int i = 0; i < 1000; i += 3) {
            all.get(i).cancel();
        }
        pass(3);
        assertThat(idle).hasSize(666).doesNotHaveDuplicates().doesNotContain("c0", "c3", "c999");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new IdleSweep(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> watch("a", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
