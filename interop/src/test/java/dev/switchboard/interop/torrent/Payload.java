package dev.switchboard.interop.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Random content that a scenario shares: one file, or a directory tree, written below a seed directory
 * under the torrent's name, with the SHA-256 of every file kept so that a download is checked byte for
 * byte ({@link #assertDownloadedTo}).
 *
 * @param name the torrent's name: the file, or the top directory, below the seed directory
 * @param seedDirectory the directory that holds {@code name}; seeders are pointed at it
 * @param sha256 every file's SHA-256 in hex, by its path below {@code seedDirectory} with {@code /}
 */
record Payload(String name, Path seedDirectory, Map<String, String> sha256) {
    /** The piece length the scenarios use: 64 KiB, so a few MiB make dozens of pieces. */
    static final int PIECE_LENGTH = 64 * 1024;
    /** The SHA-256 of no bytes: an empty file's. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    Payload {
        sha256 = Map.copyOf(sha256);
    }

    /** The shared file or top directory. */
    Path root() {
        return seedDirectory.resolve(name);
    }

    /** One file of 3 MiB and 12345 bytes: 49 pieces of 64 KiB, the last one short and odd. */
    static Payload singleFile(Path seedDirectory, long seed) {
        Random random = new Random(seed);
        write(seedDirectory.resolve("payload.bin"), 3 * 1024 * 1024 + 12_345, random);
        return hash("payload.bin", seedDirectory);
    }

    /**
     * A tree with nested directories, an empty file, files of exactly one piece, one byte short of two
     * pieces and of a single byte, so files begin and end on, just before and just after piece
     * boundaries; 1.2 MiB in all.
     */
    static Payload tree(Path seedDirectory, long seed) {
        Random random = new Random(seed);
        Path top = seedDirectory.resolve("tree");
        write(top.resolve("a-one-piece.bin"), PIECE_LENGTH, random);
        write(top.resolve("b-empty.txt"), 0, random);
        write(top.resolve("c-docs/readme.txt"), 1000, random);
        write(top.resolve("c-docs/deep/nested/two-pieces-less-one.bin"), 2L * PIECE_LENGTH - 1, random);
        write(top.resolve("c-docs/deep/nested/one-byte.bin"), 1, random);
        write(top.resolve("d-large/large.bin"), 1024 * 1024 + 17, random);
        return hash("tree", seedDirectory);
    }

    private static void write(Path file, long size, Random random) {
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[Math.toIntExact(size)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Payload hash(String name, Path seedDirectory) {
        return new Payload(name, seedDirectory, digests(seedDirectory, name));
    }

    /**
     * Asserts that {@code downloadDirectory} holds exactly this payload under its name: the same files,
     * each with the same bytes (nothing missing, nothing extra). Empty files must be there too unless
     * {@code emptyFilesWritten} is false (a client that never creates them).
     */
    void assertDownloadedTo(Path downloadDirectory, boolean emptyFilesWritten) {
        assertThat(Files.exists(downloadDirectory.resolve(name))).as("%s downloaded into %s", name, downloadDirectory)
                .isTrue();
        Map<String, String> expected = new TreeMap<>(sha256);
        if (!emptyFilesWritten) {
            expected.values().removeIf(EMPTY_SHA256::equals);
        }
        assertThat(digests(downloadDirectory, name)).as("SHA-256 of every file of %s in %s", name, downloadDirectory)
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static Map<String, String> digests(Path directory, String name) {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory.resolve(name))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                digests.put(directory.relativize(file).toString().replace('\\', '/'), sha256(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digests;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
