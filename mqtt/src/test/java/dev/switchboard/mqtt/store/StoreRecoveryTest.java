package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --recover} on real damaged files: keeps what reads, reports what it dropped, moves the rest aside. */
class StoreRecoveryTest {
    private static final int CLIENTS = 30;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aDamagedValueIsDroppedAndEverythingElseKept() throws Exception {
        List<Object> expected = writeAndRead();
        Path file = dir.resolve(StoreLayout.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "message 13".getBytes(StandardCharsets.UTF_8));
        bytes[at] ^= 0x01;
        Files.write(file, bytes);

        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(dir, true), CLOCK)) {
            RecoveryReport report = stores.recovery().orElseThrow();
            assertThat(report.dropped()).containsEntry(StoreLayout.QUEUES, 1L);
            assertThat(report.droppedTotal()).isEqualTo(1);
            assertThat(report.problems()).singleElement().asString().contains("queues").contains("checksum");
            assertThat(report.damagedCopy()).contains(dir.resolve("broker.mv.db.damaged-20300102-030405"));
            assertThat(report.damagedCopy().orElseThrow()).hasBinaryContent(bytes);
            assertThat(report.summary()).contains("dropped 1");
            List<Object> after = StoreFiles.contents(stores, CLIENTS);
            assertThat(after).hasSize(expected.size() - 1);
            assertThat(expected).containsAll(after);
            assertThat(stores.queues().totalCount()).isEqualTo(CLIENTS * 20 - 1);
        }
        // the recovered file is a healthy store: it opens without --recover
        try (BrokerStores again = BrokerStores.open(StoreFiles.config(dir, false), CLOCK)) {
            assertThat(again.recovery()).isEmpty();
            assertThat(again.queues().totalCount()).isEqualTo(CLIENTS * 20 - 1);
        }
    }

    @Test
    void aTruncatedFileKeepsItsNewestReadableCommit() throws Exception {
        List<Object> expected = writeAndRead();
        Path file = dir.resolve(StoreLayout.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 3 / 4 + 17));

        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(dir, true), CLOCK)) {
            RecoveryReport report = stores.recovery().orElseThrow();
            assertThat(report.keptTotal()).isPositive();
            List<Object> after = StoreFiles.contents(stores, CLIENTS);
            assertThat(stores.queues().totalCount()).isPositive();
            // every entry kept is one that was written (an older commit may miss some)
            for (Object kept : after) {
                if (!(kept instanceof java.util.Optional<?> o && o.isEmpty()) && !(kept instanceof List<?> l
                        && l.isEmpty()) && !(kept instanceof java.util.Set<?> s && s.isEmpty())) {
                    assertThat(expected).contains(kept);
                }
            }
        }
    }

    @Test
    void anUnreadableFileIsReplacedByAnEmptyOneAndTheReportSaysSo() throws Exception {
        Path file = dir.resolve(StoreLayout.FILE_NAME);
        Files.write(file, new byte[StoreFile.BLOCK_SIZE * 2]);
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(dir, true), CLOCK)) {
            RecoveryReport report = stores.recovery().orElseThrow();
            assertThat(report.keptTotal()).isZero();
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("nothing kept"));
            assertThat(stores.sessions().count()).isZero();
        }
        assertThat(dir.resolve("broker.mv.db.damaged-20300102-030405")).exists();
    }

    @Test
    void aHealthyFileIsLeftAloneEvenWithRecover() {
        writeAndRead();
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(dir, true), CLOCK)) {
            assertThat(stores.recovery()).isEmpty();
        }
        assertThat(dir.resolve("broker.mv.db.damaged-20300102-030405")).doesNotExist();
    }

    private List<Object> writeAndRead() {
        StoreFiles.writeKnownStore(dir, CLIENTS);
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(dir, false), CLOCK)) {
            return StoreFiles.contents(stores, CLIENTS);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
