package dev.switchboard.torrent.metainfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Torrents made from files and directories, with piece hashes checked against an independent SHA-1. */
class TorrentCreatorTest {
    private static final int PIECE = 16 * 1024;
    private static final String TRACKER = "http://tracker.example:6969/announce";

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void singleFile() throws Exception {
        byte[] content = random(3 * PIECE + 123, 1);
        Path file = Files.write(dir.resolve("data.bin"), content);

        Metainfo metainfo = create(config().comment("just data").build(), file);

        assertThat(metainfo.name()).isEqualTo("data.bin");
        assertThat(metainfo.isMultiFile()).isFalse();
        assertThat(metainfo.files()).containsExactly(new FileEntry(TorrentPath.of("data.bin"), content.length, 0, false));
        assertThat(metainfo.pieceLength()).isEqualTo(PIECE);
        assertThat(metainfo.pieceCount()).isEqualTo(4);
        assertThat(metainfo.lastPieceSize()).isEqualTo(123);
        assertThat(metainfo.pieceHashes()).isEqualTo(pieceHashes(content, PIECE));
        assertThat(metainfo.announce()).contains(TRACKER);
        assertThat(metainfo.announceList()).isEmpty();
        assertThat(metainfo.comment()).contains("just data");
        assertThat(metainfo.createdBy()).contains("switchboard test");
        assertThat(metainfo.creationDate()).contains(clock.instant());
        assertThat(metainfo.isPrivate()).isFalse();
    }

    @Test
    void exactBytesOfASmallTorrent() throws Exception {
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello");

        Metainfo metainfo = create(config().build(), file);

        // SHA-1("hello") = aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d
        byte[] expected = concat(ascii("d8:announce36:" + TRACKER + "10:created by16:switchboard test"
                + "13:creation datei1767225600e4:infod6:lengthi5e4:name9:hello.txt12:piece lengthi16384e6:pieces20:"),
                java.util.HexFormat.of().parseHex("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"), ascii("ee"));
        assertThat(metainfo.bytes()).isEqualTo(expected);
    }

    @Test
    void directoryInPathOrderWithHiddenAndEmptyFiles() throws Exception {
        Path root = Files.createDirectory(dir.resolve("share"));
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.createDirectories(root.resolve("z-dir"));
        List<Path> expectedOrder = new ArrayList<>();
        expectedOrder.add(write(root.resolve(".hidden"), 10, 1));
        expectedOrder.add(write(root.resolve("B.txt"), PIECE - 1, 2));
        expectedOrder.add(write(root.resolve("a.txt"), 0, 3));
        expectedOrder.add(write(root.resolve("sub/deeper/x"), 2 * PIECE + 7, 4));
        expectedOrder.add(write(root.resolve("sub/y"), 1, 5));
        expectedOrder.add(write(root.resolve("sub-file"), 3, 6));
        expectedOrder.add(write(root.resolve("z-dir/empty"), 0, 7));

        Metainfo metainfo = create(config().build(), root);

        assertThat(metainfo.name()).isEqualTo("share");
        assertThat(metainfo.isMultiFile()).isTrue();
        assertThat(metainfo.files()).extracting(f -> f.path().toString()).containsExactly(
                "share/.hidden", "share/B.txt", "share/a.txt", "share/sub/deeper/x", "share/sub/y", "share/sub-file",
                "share/z-dir/empty");
        assertThat(metainfo.files()).extracting(FileEntry::length).containsExactly(
                10L, (long) PIECE - 1, 0L, 2L * PIECE + 7, 1L, 3L, 0L);
        assertThat(metainfo.pieceHashes()).isEqualTo(pieceHashes(concat(expectedOrder), PIECE));
    }

    @ParameterizedTest(name = "{0} hashing threads")
    @ValueSource(ints = {1, 2, 3, 8})
    void piecesSpanningManySmallAndEmptyFiles(int threads) throws Exception {
        Path root = Files.createDirectory(dir.resolve("many"));
        int[] sizes = {1, 0, PIECE - 1, 0, 0, 1, PIECE, PIECE + 1, 5000, 0, 3 * PIECE, 17, 0, 40_000, 1};
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            files.add(write(root.resolve(String.format("f%02d", i)), sizes[i], 100 + i));
        }
        TorrentCreatorConfig config = config().hashThreads(threads).readBufferSize(4096).build();

        Metainfo metainfo = create(config, root);

        byte[] stream = concat(files);
        assertThat(metainfo.totalSize()).isEqualTo(stream.length);
        assertThat(metainfo.pieceHashes()).isEqualTo(pieceHashes(stream, PIECE));
        assertThat(metainfo.files().get(7).offset()).isEqualTo(PIECE + 1 + PIECE);
    }

    @Test
    void sameFilesAndClockGiveTheSameBytesWhateverTheThreads() throws Exception {
        Path root = Files.createDirectory(dir.resolve("same"));
        for (int i = 0; i < 20; i++) {
            write(root.resolve("file" + i), 3000 * i, i);
        }
        byte[] first = create(config().hashThreads(1).build(), root).bytes();
        byte[] second = create(config().hashThreads(4).readBufferSize(8192).build(), root).bytes();
        assertThat(second).isEqualTo(first);

        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(create(config().build(), root).bytes()).isNotEqualTo(first);
    }

    @Test
    void everyTrackerIsATierOfItsOwnAndTheFirstIsTheAnnounce() throws Exception {
        Path file = write(dir.resolve("f"), 10, 1);
        TorrentCreatorConfig config = config().tracker("udp://b.example:6969/announce")
                .tracker("https://c.example/announce").build();

        Metainfo metainfo = create(config, file);

        assertThat(metainfo.announce()).contains(TRACKER);
        assertThat(metainfo.announceList()).containsExactly(
                List.of(TRACKER), List.of("udp://b.example:6969/announce"), List.of("https://c.example/announce"));
    }

    @Test
    void privateFlagAndExplicitPieceLength() throws Exception {
        byte[] content = random(300_000, 9);
        Path file = Files.write(dir.resolve("f"), content);

        Metainfo metainfo = create(config().privateTorrent(true).pieceLength(256 * 1024).build(), file);

        assertThat(metainfo.isPrivate()).isTrue();
        assertThat(metainfo.pieceLength()).isEqualTo(256 * 1024);
        assertThat(metainfo.pieceCount()).isEqualTo(2);
        assertThat(metainfo.pieceHashes()).isEqualTo(pieceHashes(content, 256 * 1024));
    }

    @Test
    void automaticPieceLengthFollowsTheTable() throws Exception {
        Path file = dir.resolve("sparse");
        long size = 32L * 1024 * 1024 + 1; // one byte more than 2048 pieces of 16 KiB
        try (var channel = Files.newByteChannel(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            channel.position(size - 1).write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }

        Metainfo metainfo = create(config().build(), file);

        assertThat(metainfo.pieceLength()).isEqualTo(32 * 1024);
        assertThat(metainfo.pieceCount()).isEqualTo(1025);
        assertThat(metainfo.lastPieceSize()).isEqualTo(1);
    }

    @Test
    void progressRisesToTheTotalOneCallAtATime() throws Exception {
        Path file = write(dir.resolve("f"), 40 * PIECE + 5, 1);
        List<long[]> updates = new ArrayList<>();

        new TorrentCreator(config().hashThreads(4).build())
                .create(file, (hashed, total) -> updates.add(new long[] {hashed, total}));

        assertThat(updates).hasSize(41);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThan(updates.get(i - 1)[0]);
        }
        assertThat(updates.get(updates.size() - 1)).containsExactly(40L * PIECE + 5, 40L * PIECE + 5);
    }

    static byte[] pieceHashes(byte[] stream, int pieceLength) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int start = 0; start < stream.length; start += pieceLength) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(stream, start, Math.min(pieceLength, stream.length - start));
            out.write(sha1.digest());
        }
        return out.toByteArray();
    }

    private Metainfo create(TorrentCreatorConfig config, Path source) throws Exception {
        return new TorrentCreator(config).create(source, HashingProgress.NONE);
    }

    private TorrentCreatorConfig.Builder config() {
        return TorrentCreatorConfig.builder().tracker(TRACKER).createdBy("switchboard test").clock(clock);
    }

    static Path write(Path file, int size, int seed) throws IOException {
        return Files.write(file, random(size, seed));
    }

    static byte[] random(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(List<Path> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path file : files) {
            out.write(Files.readAllBytes(file));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
