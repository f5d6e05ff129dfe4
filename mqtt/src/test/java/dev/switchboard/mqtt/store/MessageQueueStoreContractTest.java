package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Publish;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link MessageQueueStore} contract, for the heap and the file implementation alike. */
class MessageQueueStoreContractTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void firstInFirstOut(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            MessageQueueStore queues = stores.queues();
            for (int i = 0; i < 10; i++) {
                queues.append("c", Messages.plain("t/" + i, "m" + i, 1), i == 3 ? 1234L : Long.MAX_VALUE);
            }
            assertThat(queues.count("c")).isEqualTo(10);
            assertThat(queues.peek("c", 4)).extracting(q -> q.message().topic())
                    .containsExactly("t/0", "t/1", "t/2", "t/3");
            assertThat(queues.peek("c", 4).get(3).expiresAtMillis()).isEqualTo(1234L);
            assertThat(queues.peek("c", 4).get(2).expiresAtMillis()).isEqualTo(Long.MAX_VALUE);
            assertThat(queues.removeHead("c")).isTrue();
            assertThat(queues.removeHead("c")).isTrue();
            assertThat(queues.peek("c", 1)).extracting(q -> q.message().topic()).containsExactly("t/2");
            assertThat(queues.count("c")).isEqualTo(8);
            assertThat(queues.peek("c", 100)).hasSize(8);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void payloadBytesAreCountedPerClient(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            MessageQueueStore queues = stores.queues();
            queues.append("a", Messages.plain("x", "12345", 1), Long.MAX_VALUE);
            queues.append("ab", Messages.plain("y", "1234567", 1), Long.MAX_VALUE);
            queues.append("a", Messages.plain("x", "123", 1), Long.MAX_VALUE);
            assertThat(queues.payloadBytes("a")).isEqualTo(8);
            assertThat(queues.payloadBytes("ab")).isEqualTo(7);
            assertThat(queues.payloadBytes("b")).isZero();
            queues.removeHead("a");
            assertThat(queues.payloadBytes("a")).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void messagesKeepEveryField(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            Publish full = Messages.full("a/b", "payload");
            long sequence = stores.queues().append("c", full, 99L);
            QueuedMessage queued = stores.queues().peek("c", 1).get(0);
            assertThat(queued).isEqualTo(new QueuedMessage(sequence, full, 99L));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void queuesAreSeparatePerClient(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            MessageQueueStore queues = stores.queues();
            queues.append("a", Messages.plain("x", "1", 1), Long.MAX_VALUE);
            queues.append("ab", Messages.plain("y", "2", 1), Long.MAX_VALUE);
            queues.append("ab", Messages.plain("y", "3", 1), Long.MAX_VALUE);
            queues.append("a", Messages.plain("x", "4", 1), Long.MAX_VALUE);
            assertThat(queues.count("a")).isEqualTo(2);
            assertThat(queues.count("ab")).isEqualTo(2);
            assertThat(queues.count("b")).isZero();
            assertThat(queues.totalCount()).isEqualTo(4);
            assertThat(queues.dropAll("a")).isEqualTo(2);
            assertThat(queues.count("a")).isZero();
            assertThat(queues.peek("a", 10)).isEmpty();
            assertThat(queues.removeHead("a")).isFalse();
            assertThat(queues.peek("ab", 10)).hasSize(2);
            assertThat(queues.totalCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void removeBySequenceLeavesTheOrderOfTheRest(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            MessageQueueStore queues = stores.queues();
            long first = queues.append("c", Messages.plain("t", "0", 0), Long.MAX_VALUE);
            long second = queues.append("c", Messages.plain("t", "1", 1), Long.MAX_VALUE);
            long third = queues.append("c", Messages.plain("t", "2", 1), Long.MAX_VALUE);
            assertThat(first).isLessThan(second).isLessThan(third);
            assertThat(queues.remove("c", second)).isTrue();
            assertThat(queues.remove("c", second)).isFalse();
            assertThat(queues.peek("c", 10)).extracting(QueuedMessage::sequence).containsExactly(first, third);
            long fourth = queues.append("c", Messages.plain("t", "3", 1), Long.MAX_VALUE);
            assertThat(fourth).isGreaterThan(third);
        }
    }
}
