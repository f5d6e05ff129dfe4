package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.BrokerStores;
import dev.switchboard.mqtt.store.MessageQueueStore;
import org.junit.jupiter.api.Test;

/** A stored queue read back at start counts the bytes already in it, so the bytes limit holds across restarts. */
class StoredQueueTest {
    private static Publish message(int size) {
        return Publish.of("t", new byte[size], 1, false, 0);
    }

    @Test
    void aQueueReadBackAtStartCountsTheBytesAlreadyQueued() {
        try (BrokerStores stores = BrokerStores.inMemory()) {
            MessageQueueStore store = stores.queues();
            store.append("c", message(300), Long.MAX_VALUE); // queued before the restart
            store.append("c", message(200), Long.MAX_VALUE);

            StoredQueue queue = new StoredQueue(store, "c"); // the session read back at start
            assertThat(queue.size()).isEqualTo(2);
            queue.add(message(50), Long.MAX_VALUE);
            assertThat(queue.bytes()).isEqualTo(550);
            queue.removeHead();
            assertThat(queue.bytes()).isEqualTo(250);
            queue.clear();
            assertThat(queue.bytes()).isZero();
        }
    }

    @Test
    void anEmptyQueueNeedsNoCount() {
        try (BrokerStores stores = BrokerStores.inMemory()) {
            StoredQueue queue = new StoredQueue(stores.queues(), "c");
            queue.add(message(10), Long.MAX_VALUE);
            assertThat(queue.bytes()).isEqualTo(10);
        }
    }
}
