package dev.switchboard.interop.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios' byte-for-byte check fails on any difference: a flipped byte, a missing or extra file. */
class PayloadTest {
    @TempDir
    Path work;

    @Test
    void anExactCopyPasses() throws IOException {
        Payload payload = Payload.tree(work.resolve("seed"), 7);
        Path copy = copy(payload);
        payload.assertDownloadedTo(copy, true);
        assertThat(payload.sha256()).hasSize(6).containsValue(Payload.EMPTY_SHA256);
    }

    @Test
    void theSingleFileHasAnOddLastPiece() throws IOException {
        Payload payload = Payload.singleFile(work.resolve("seed"), 7);
        assertThat(Files.size(payload.root()) % Payload.PIECE_LENGTH).isEqualTo(12_345);
        payload.assertDownloadedTo(copy(payload), true);
    }

    @Test
    void oneFlippedByteFails() throws IOException {
        Payload payload = Payload.tree(work.resolve("seed"), 7);
        Path copy = copy(payload);
        Path file = copy.resolve("tree/d-large/large.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> payload.assertDownloadedTo(copy, true)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("tree/d-large/large.bin");
    }

    @Test
    void aMissingEmptyFileFailsUnlessTheClientNeverWritesThem() throws IOException {
        Payload payload = Payload.tree(work.resolve("seed"), 7);
        Path copy = copy(payload);
        Files.delete(copy.resolve("tree/b-empty.txt"));
        assertThatThrownBy(() -> payload.assertDownloadedTo(copy, true)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("b-empty.txt");
        payload.assertDownloadedTo(copy, false);
    }

    @Test
    void anExtraFileFails() throws IOException {
        Payload payload = Payload.tree(work.resolve("seed"), 7);
        Path copy = copy(payload);
        Files.write(copy.resolve("tree/c-docs/stray.part"), new byte[] {1});
        assertThatThrownBy(() -> payload.assertDownloadedTo(copy, true)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("stray.part");
    }

    @Test
    void nothingDownloadedFails() {
        Payload payload = Payload.singleFile(work.resolve("seed"), 7);
        assertThatThrownBy(() -> payload.assertDownloadedTo(work.resolve("empty"), true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("payload.bin");
    }

    private Path copy(Payload payload) throws IOException {
        Path target = work.resolve("copy");
        try (Stream<Path> paths = Files.walk(payload.root())) {
            paths.forEach(source -> {
                Path to = target.resolve(payload.seedDirectory().relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(source, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
