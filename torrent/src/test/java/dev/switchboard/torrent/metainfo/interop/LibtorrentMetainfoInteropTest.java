package dev.switchboard.torrent.metainfo.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.testkit.ThirdParty;
import dev.switchboard.torrent.metainfo.FileEntry;
import dev.switchboard.torrent.metainfo.HashingProgress;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.MetainfoParser;
import dev.switchboard.torrent.metainfo.TorrentCreator;
import dev.switchboard.torrent.metainfo.TorrentCreatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our .torrent files against libtorrent (Debian python3-libtorrent, seen by /usr/bin/python3): libtorrent
 * reads what we create, with the same info-hash, files and trackers, and verifies our piece hashes
 * against the data; and we read what libtorrent creates, v1-only and hybrid v1+v2, with the same
 * info-hash and files.
 */
class LibtorrentMetainfoInteropTest {
    private static final int PIECE = 16 * 1024;

    /** Prints what libtorrent reads from torrent argv[1], then how many pieces it verifies in argv[2]. */
    private static final String READ_AND_CHECK = """
            import sys, time, libtorrent as lt
            ti = lt.torrent_info(sys.argv[1])
            print("info-hash: " + str(ti.info_hashes().v1))
            print("name: " + ti.name())
            print("pieces: %d x %d" % (ti.num_pieces(), ti.piece_length()))
            print("private: %s" % ti.priv())
            fs = ti.files()
            for i in range(fs.num_files()):
                print("file: %d %s" % (fs.file_size(i), fs.file_path(i)))
            for t in ti.trackers():
                print("tracker: %d %s" % (t.tier, t.url))
            ses = lt.session({"enable_dht": False, "enable_lsd": False, "enable_upnp": False,
                              "enable_natpmp": False, "listen_interfaces": "127.0.0.1:0"})
            h = ses.add_torrent({"ti": ti, "save_path": sys.argv[2]})
            done = (lt.torrent_status.downloading, lt.torrent_status.finished, lt.torrent_status.seeding)
            deadline = time.time() + 60
            while h.status().state not in done and time.time() < deadline:
                time.sleep(0.05)
            print("verified: %d" % h.status().num_pieces)
            """;

    /** Makes a torrent of argv[1] into argv[2]; argv[3] is "v1" or "hybrid"; prints hash and files. */
    private static final String CREATE = """
            import os, sys, libtorrent as lt
            fs = lt.file_storage()
            lt.add_files(fs, sys.argv[1])
            flags = lt.create_torrent.v1_only if sys.argv[3] == "v1" else 0
            ct = lt.create_torrent(fs, 16384, flags=flags)
            ct.add_tracker("http://tracker.example:6969/announce", 0)
            ct.add_tracker("udp://backup.example:6969/announce", 1)
            ct.set_priv(True)
            lt.set_piece_hashes(ct, os.path.dirname(sys.argv[1]))
            data = lt.bencode(ct.generate())
            open(sys.argv[2], "wb").write(data)
            ti = lt.torrent_info(sys.argv[2])
            print("info-hash: " + str(ti.info_hashes().v1))
            fs = ti.files()
            for i in range(fs.num_files()):
                pad = "pad" if fs.file_flags(i) & lt.file_storage.flag_pad_file else "file"
                print("%s: %d %s" % (pad, fs.file_size(i), fs.file_path(i)))
            """;

    @TempDir
    Path dir;

    private Path content;

    @BeforeEach
    void requireLibtorrent() throws IOException {
        ThirdParty.requirePythonModule("libtorrent", "python3-libtorrent");
        content = Files.createDirectory(dir.resolve("content"));
        Files.createDirectories(content.resolve("sub/deeper"));
        write(content.resolve(".hidden"), 7, 1);
        write(content.resolve("a.bin"), PIECE + 3, 2);
        write(content.resolve("empty"), 0, 3);
        write(content.resolve("sub/deeper/b.bin"), 2 * PIECE - 1, 4);
        write(content.resolve("sub/c.txt"), 100, 5);
        write(content.resolve("z.bin"), 40_000, 6);
    }

    @Test
    void libtorrentReadsAndVerifiesOurTorrent() throws Exception {
        TorrentCreatorConfig config = TorrentCreatorConfig.builder()
                .tracker("http://tracker.example:6969/announce")
                .tracker("udp://backup.example:6969/announce")
                .privateTorrent(true).comment("interop").clock(new SettableClock()).build();
        Metainfo ours = new TorrentCreator(config).create(content, HashingProgress.NONE);
        Path torrent = Files.write(dir.resolve("ours.torrent"), ours.bytes());

        List<String> lines = python(READ_AND_CHECK, torrent.toString(), dir.toString());

        List<String> expected = new ArrayList<>(List.of(
                "info-hash: " + ours.infoHash().hex(),
                "name: content",
                "pieces: " + ours.pieceCount() + " x " + PIECE,
                "private: True"));
        for (FileEntry file : ours.files()) {
            expected.add("file: " + file.length() + " " + file.path());
        }
        expected.add("tracker: 0 http://tracker.example:6969/announce");
        expected.add("tracker: 1 udp://backup.example:6969/announce");
        expected.add("verified: " + ours.pieceCount());
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(ours.files()).extracting(f -> f.path().toString()).containsExactly("content/.hidden",
                "content/a.bin", "content/empty", "content/sub/c.txt", "content/sub/deeper/b.bin", "content/z.bin");
    }

    @Test
    void weReadLibtorrentsV1Torrent() throws Exception {
        readLibtorrentTorrent("v1");
    }

    @Test
    void weReadLibtorrentsHybridTorrentWithPaddingFiles() throws Exception {
        Metainfo theirs = readLibtorrentTorrent("hybrid");
        assertThat(theirs.files()).anyMatch(FileEntry::padding);
    }

    private Metainfo readLibtorrentTorrent(String kind) throws Exception {
        Path torrent = dir.resolve(kind + ".torrent");
        List<String> lines = python(CREATE, content.toString(), torrent.toString(), kind);

        Metainfo theirs = MetainfoParser.read(torrent);

        List<String> seen = new ArrayList<>();
        seen.add("info-hash: " + theirs.infoHash().hex());
        for (FileEntry file : theirs.files()) {
            seen.add((file.padding() ? "pad: " : "file: ") + file.length() + " " + file.path());
        }
        assertThat(seen).containsExactlyElementsOf(lines);
        assertThat(theirs.name()).isEqualTo("content");
        assertThat(theirs.isPrivate()).isTrue();
        assertThat(theirs.pieceLength()).isEqualTo(PIECE);
        assertThat(theirs.trackerTiers()).containsExactly(
                List.of("http://tracker.example:6969/announce"), List.of("udp://backup.example:6969/announce"));
        assertThat(theirs.files()).filteredOn(f -> !f.padding()).extracting(FileEntry::length)
                .containsExactlyInAnyOrder(7L, PIECE + 3L, 0L, 2L * PIECE - 1, 100L, 40_000L);
        return theirs;
    }

    private static List<String> python(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("python finished").isTrue();
        assertThat(process.exitValue()).as("python exit code; output:%n%s", output).isZero();
        return output.lines().toList();
    }

    private static void write(Path file, int size, int seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
    }
}
