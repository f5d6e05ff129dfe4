package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Publish;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline queues live in the file, not the heap: 300,000 queued 64-byte messages across 1,000
 * sessions (60 MiB as heap objects) leave the heap within the page cache, MVStore's write
 * buffer and chunk bookkeeping. The 1,000,000 / 10,000
 * version is {@code bench/.../QueueStoreHeap}.
 */
class QueueHeapTest {
    private static final int SESSIONS = 1_000;
    private static final int MESSAGES = 300_000;

    @TempDir
    Path dir;

    @Test
    void queuedMessagesStayOutOfTheHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        StoreConfig config = StoreConfig.builder().dataDir(dir).durability(Durability.NEVER).cacheSizeMiB(16).build();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
            for (int i = 0; i < MESSAGES; i++) {
                Publish message = Messages.plain("sensors/room-1/temperature", String.format("%064d", i), 1);
                stores.queues().append("client-" + (i % SESSIONS), message, Long.MAX_VALUE);
            }
            long grown = usedAfterGc(memory) - before;
            assertThat(stores.queues().totalCount()).isEqualTo(MESSAGES);
            assertThat(stores.queues().count("client-7")).isEqualTo(MESSAGES / SESSIONS);
            System.out.printf("queue store heap: %d messages in %d sessions: heap grew %.1f MiB%n", MESSAGES,
                    SESSIONS, grown / 1048576.0);
            // bounded by the page cache (16 MiB), MVStore's write buffer and chunk bookkeeping, not the messages
            assertThat(grown).isLessThan(48L * 1024 * 1024);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
