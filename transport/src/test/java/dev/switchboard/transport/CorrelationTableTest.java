package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The id -> future table, driven on an EmbeddedChannel's loop so that time is run by hand. */
class CorrelationTableTest {
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final CorrelationTable<String> table = new CorrelationTable<>(loop.eventLoop(), 3,
            timeout -> new TimeoutException("no answer in " + timeout.toMillis() + " ms"));

    @Test
    void answersCompleteTheirOwnRequestInAnyOrder() {
        var a = table.register(Duration.ofSeconds(5));
        var b = table.register(Duration.ofSeconds(5));
        assertThat(a.id()).isNotEqualTo(b.id()).isNotZero();
        assertThat(table.complete(b.id(), "B")).isTrue();
        assertThat(table.complete(a.id(), "A")).isTrue();
        assertThat(a.future()).isCompletedWithValue("A");
        assertThat(b.future()).isCompletedWithValue("B");
        assertThat(table.isEmpty()).isTrue();
    }

    @Test
    void unknownOrRepeatedAnswersAreIgnored() {
        var a = table.register(Duration.ofSeconds(5));
        assertThat(table.complete(a.id() + 100, "stray")).isFalse();
        assertThat(table.complete(a.id(), "A")).isTrue();
        assertThat(table.complete(a.id(), "again")).isFalse();
        assertThat(a.future()).isCompletedWithValue("A");
    }

    @Test
    void timeoutFailsTheRequestAndFreesItsPlace() throws Exception {
        var a = table.register(Duration.ofMillis(50));
        CompletableFuture<String> f = a.future();
        assertThat(f).isNotDone();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            loop.runPendingTasks();
            loop.runScheduledPendingTasks();
            return f.isDone();
        });
        assertThatThrownBy(f::join).hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("50 ms");
        assertThat(table.complete(a.id(), "late")).isFalse();
        assertThat(table.size()).isZero();
    }

    @Test
    void capacityIsABound() {
        table.register(Duration.ofSeconds(5));
        table.register(Duration.ofSeconds(5));
        table.register(Duration.ofSeconds(5));
        assertThatThrownBy(() -> table.register(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("limit is 3");
    }

    @Test
    void failAllFailsEveryOutstandingRequest() {
        var a = table.register(Duration.ofSeconds(5));
        var b = table.register(Duration.ofSeconds(5));
        table.failAll(new IllegalStateException("connection lost"));
        assertThat(a.future()).isCompletedExceptionally();
        assertThat(b.future()).isCompletedExceptionally();
        assertThat(table.isEmpty()).isTrue();
    }

    @Test
    void idsWrapAroundAndSkipZero() {
        CorrelationTable<String> wrapping = new CorrelationTable<>(loop.eventLoop(), 3,
                timeout -> new TimeoutException("late"), -1);
        var last = wrapping.register(Duration.ofSeconds(5));
        var wrapped = wrapping.register(Duration.ofSeconds(5));
        assertThat(last.id()).isEqualTo(-1); // 0xFFFFFFFF on the wire
        assertThat(wrapped.id()).isEqualTo(1);
    }

    @Test
    void eachRequestTimesOutOnItsOwnDeadlineWhateverTheOrder() {
        var slow = table.register(Duration.ofSeconds(30));
        var quick = table.register(Duration.ofMillis(50));
        var answered = table.register(Duration.ofMillis(50));
        table.complete(answered.id(), "in time");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            loop.runPendingTasks();
            loop.runScheduledPendingTasks();
            return quick.future().isDone();
        });
        assertThat(quick.future()).isCompletedExceptionally();
        assertThat(answered.future()).isCompletedWithValue("in time");
        assertThat(slow.future()).isNotDone();
        assertThat(table.size()).isEqualTo(1);
        table.complete(slow.id(), "slow");
        assertThat(slow.future()).isCompletedWithValue("slow");
    }
}
