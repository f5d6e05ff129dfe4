package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's lifecycle: created under the data dir, reopened with everything, versions checked. */
class StoreFileTest {
    @TempDir
    Path dir;

    @Test
    void createsTheDataDirectoryAndWritesTheFormatVersion() {
        Path data = dir.resolve("a/b/data");
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(data, false), Clock.systemUTC())) {
            assertThat(stores.file()).map(StoreFile::path).contains(data.resolve("broker.mv.db"));
        }
        MVStore raw = new MVStore.Builder().fileName(data.resolve("broker.mv.db").toString()).readOnly().open();
        try {
            assertThat(raw.openMap(StoreLayout.META, StoreLayout.metaMap()).get(StoreLayout.FORMAT_VERSION_KEY))
                    .isEqualTo("1");
        } finally {
            raw.close();
        }
    }

    @Test
    void everythingIsThereAfterReopen() {
        StoreFiles.writeKnownStore(dir, 12);
        List<Object> first;
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(dir, false), Clock.systemUTC())) {
            first = StoreFiles.contents(stores, 12);
            assertThat(stores.sessions().count()).isEqualTo(12);
            assertThat(stores.queues().totalCount()).isEqualTo(12 * 20);
            assertThat(stores.retained().count()).isEqualTo(12);
            // the order counter continues after a reopen: a new entry sorts after the old ones
            stores.inflight().putOutgoing("client-0", 9, Messages.plain("t", "later", 1));
            assertThat(stores.inflight().outgoing("client-0")).extracting(InflightMessage::packetId)
                    .containsExactly(1, 9);
        }
        assertThat(first).hasSize(12 * 25).doesNotContainNull();
        assertThat(first.get(0)).isEqualTo(java.util.Optional.of(new StoredSession("client-0", 3600,
                java.util.OptionalLong.of(1000L), java.util.Optional.of(Messages.will()))));
    }

    @Test
    void aNewerFormatVersionIsRefusedWithoutTouchingTheFile() throws Exception {
        StoreFiles.writeKnownStore(dir, 1);
        setVersion("2");
        byte[] before = Files.readAllBytes(dir.resolve("broker.mv.db"));
        assertThatThrownBy(() -> BrokerStores.open(StoreFiles.config(dir, true), Clock.systemUTC()))
                .isInstanceOf(StoreVersionException.class)
                .hasMessageContaining("format version 2").hasMessageContaining("reads version 1")
                .hasMessageContaining(dir.resolve("broker.mv.db").toString());
        assertThat(Files.readAllBytes(dir.resolve("broker.mv.db"))).isEqualTo(before);
    }

    @Test
    void aGarbledOrMissingVersionIsDamage() {
        StoreFiles.writeKnownStore(dir, 1);
        setVersion("x1");
        assertThatThrownBy(() -> BrokerStores.open(StoreFiles.config(dir, false), Clock.systemUTC()))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("unreadable format version");
        setVersion(null);
        assertThatThrownBy(() -> BrokerStores.open(StoreFiles.config(dir, false), Clock.systemUTC()))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("no format version");
    }

    @Test
    void aFileInUseIsNotCalledDamaged() {
        try (BrokerStores first = BrokerStores.open(StoreFiles.config(dir, false), Clock.systemUTC())) {
            assertThatThrownBy(() -> BrokerStores.open(StoreFiles.config(dir, false), Clock.systemUTC()))
                    .isInstanceOf(StoreException.class).isNotInstanceOf(StoreCorruptedException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void memoryPersistenceTouchesNoFile() {
        StoreConfig config = StoreConfig.builder().persistence(StoreConfig.Persistence.MEMORY)
                .dataDir(dir.resolve("none")).build();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
            assertThat(stores.file()).isEmpty();
            assertThat(stores.commits().durable()).isCompleted();
        }
        assertThat(dir.resolve("none")).doesNotExist();
    }

    @Test
    void aCleanlyClosedFileThatLostEntriesSinceIsRefusedAndACheckedOneIsNotHeldToOldCounts() {
        StoreFiles.writeKnownStore(dir, 3);
        MVStore raw = new MVStore.Builder().fileName(dir.resolve("broker.mv.db").toString()).open();
        try { // as a damaged page pointer would show it: one queued message gone, the counts as they were
            var queues = raw.openMap(StoreLayout.QUEUES, StoreLayout.dataMap());
            queues.remove(queues.firstKey());
        } finally {
            raw.close();
        }
        assertThatThrownBy(() -> BrokerStores.open(StoreFiles.config(dir, false), Clock.systemUTC()))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("map queues holds 59 entries, 60 when the file was closed");

        Path other = dir.resolve("other");
        Path crashed = dir.resolve("crashed");
        StoreFiles.writeKnownStore(other, 3);
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(other, false), Clock.systemUTC())) {
            stores.queues().removeHead("client-0");
            stores.file().orElseThrow().commitAndSync();
            // the broker crashes now: the file as it is on disk, no clean close to write new counts
            StoreFiles.write(Files.createDirectories(crashed).resolve(StoreLayout.FILE_NAME),
                    StoreFiles.read(other.resolve(StoreLayout.FILE_NAME)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(crashed, false), Clock.systemUTC())) {
            assertThat(stores.queues().totalCount()).isEqualTo(59);
        }
    }

    private void setVersion(String version) {
        MVStore raw = new MVStore.Builder().fileName(dir.resolve("broker.mv.db").toString()).open();
        try {
            if (version == null) {
                raw.openMap(StoreLayout.META, StoreLayout.metaMap()).remove(StoreLayout.FORMAT_VERSION_KEY);
            } else {
                raw.openMap(StoreLayout.META, StoreLayout.metaMap()).put(StoreLayout.FORMAT_VERSION_KEY, version);
            }
        } finally {
            raw.close();
        }
    }
}
