package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real damaged files: a store cut short or with a byte changed anywhere either refuses to open
 * with a message naming the file and {@code --recover}, or opens with exactly what was written
 * (the change fell in unused space). Never empty, never older, never different.
 */
class StoreCorruptionTest {
    private static final int CLIENTS = 30;

    @TempDir
    Path dir;

    private byte[] good;
    private List<Object> expected;

    @BeforeEach
    void writeGoodStore() {
        Path goodDir = dir.resolve("good");
        StoreFiles.writeKnownStore(goodDir, CLIENTS);
        good = StoreFiles.read(goodDir.resolve(StoreLayout.FILE_NAME));
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(goodDir, false), Clock.systemUTC())) {
            expected = StoreFiles.contents(stores, CLIENTS);
        }
        assertThat(expected).hasSizeGreaterThan(CLIENTS * 20);
    }

    @Test
    void anEmptyFileIsRefusedNotTakenForANewStore() {
        assertRefused("empty", new byte[0]);
    }

    @Test
    void truncatedAnywhere() {
        int step = good.length / 60;
        for (int length = 1; length < good.length; length += step) {
            assertRefusedOrIntact("cut-" + length, Arrays.copyOf(good, length));
        }
        for (int length = StoreFile.BLOCK_SIZE; length < good.length; length += StoreFile.BLOCK_SIZE) {
            assertRefusedOrIntact("cut-block-" + length, Arrays.copyOf(good, length));
        }
    }

    @Test
    void aByteChangedAnywhere() {
        int refused = 0;
        for (int position = 0; position < good.length; position += 61) {
            byte[] damaged = good.clone();
            damaged[position] ^= 0x5A;
            if (assertRefusedOrIntact("flip-" + position, damaged)) {
                refused++;
            }
        }
        assertThat(refused).as("most changes fall in data and must be found").isGreaterThan(good.length / 61 / 2);
    }

    @Test
    void theMessageNamesTheFileAndTheWayOut() {
        byte[] damaged = Arrays.copyOf(good, good.length - 100);
        Path file = place("named", damaged);
        assertThatThrownBy(() -> BrokerStores.open(StoreFiles.config(file.getParent(), false), Clock.systemUTC()))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("--recover")
                .satisfies(e -> assertThat(((StoreCorruptedException) e).file()).isEqualTo(file));
        assertThat(StoreFiles.read(file)).as("a refused file is left as it was").isEqualTo(damaged);
    }

    private boolean assertRefusedOrIntact(String name, byte[] content) {
        Path file = place(name, content);
        try (BrokerStores stores = BrokerStores.open(StoreFiles.config(file.getParent(), false),
                Clock.systemUTC())) {
            List<Object> actual = StoreFiles.contents(stores, CLIENTS);
            if (!actual.equals(expected)) {
                fail(name + ": opened with different contents instead of refusing");
            }
            return false;
        } catch (StoreCorruptedException e) {
            assertThat(e.getMessage()).contains(file.toString()).contains("--recover");
            return true;
        }
    }

    private void assertRefused(String name, byte[] content) {
        Path file = place(name, content);
        assertThatThrownBy(() -> BrokerStores.open(StoreFiles.config(file.getParent(), false), Clock.systemUTC()))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("--recover");
    }

    private Path place(String name, byte[] content) {
        try {
            Path d = Files.createDirectories(dir.resolve(name));
            Path file = d.resolve(StoreLayout.FILE_NAME);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
