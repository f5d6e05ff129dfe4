package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rewrite at start: every live entry comes across, the dead space stays behind. */
class StoreRewriteTest {
    private static final int MESSAGES = 20_000;

    @TempDir
    Path dir;

    @Test
    void aMostlyDrainedStoreIsRewrittenSmallerWithEveryLiveEntry() throws Exception {
        StoreConfig config = StoreConfig.builder().dataDir(dir).durability(Durability.NEVER).build();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
            for (int i = 0; i < MESSAGES; i++) {
                stores.queues().append("c" + (i % 10), Messages.plain("t/" + i, "payload " + i, 1), Long.MAX_VALUE);
                if (i % 500 == 499) {
                    stores.file().orElseThrow().commitAndSync(); // many chunks, as group commits make
                }
            }
            for (int c = 0; c < 9; c++) {
                stores.queues().dropAll("c" + c); // nine queues delivered: their entries are dead now
            }
            stores.retained().put(new RetainedMessage(Messages.plain("r", "kept", 1), 5));
        }
        long before = Files.size(config.file());

        StoreRewrite.rewrite(config.file(), config.cacheSizeMiB());

        assertThat(Files.size(config.file())).as("file bytes after").isLessThan(before / 2);
        assertThat(config.file().resolveSibling(StoreLayout.FILE_NAME + ".rewriting")).doesNotExist();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) { // verified again on open
            assertThat(stores.queues().totalCount()).isEqualTo(MESSAGES / 10);
            assertThat(stores.queues().peek("c9", MESSAGES)).extracting(q -> q.message().topic())
                    .startsWith("t/9", "t/19", "t/29").endsWith("t/" + (MESSAGES - 1));
            assertThat(stores.retained().get("r")).hasValueSatisfying(r -> assertThat(r.arrivedAtMillis()).isEqualTo(5));
        }
    }

    @Test
    void smallFilesAreNeverWorthRewriting() {
        MVStore store = StoreFile.openMVStore(dir.resolve("small.mv.db"), 1, false);
        try {
            assertThat(StoreRewrite.worthIt(store, StoreRewrite.MIN_FILE_BYTES - 1)).isFalse();
        } finally {
            store.close();
        }
    }
}
