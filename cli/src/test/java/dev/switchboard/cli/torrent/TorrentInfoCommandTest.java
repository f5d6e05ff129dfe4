package dev.switchboard.cli.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BencodeEncoder;
import dev.switchboard.cli.CliRun;
import dev.switchboard.testkit.SettableClock;
import dev.switchboard.torrent.metainfo.HashingProgress;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.TorrentCreator;
import dev.switchboard.torrent.metainfo.TorrentCreatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard torrent info}: exact lines on stdout, or one error line naming the problem. */
class TorrentInfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void multiFileTorrentWithTiers() throws Exception {
        Path share = Files.createDirectory(dir.resolve("album"));
        Files.createDirectory(share.resolve("disc 2"));
        Files.write(share.resolve("01.flac"), new byte[20_000]);
        Files.write(share.resolve("disc 2/01.flac"), new byte[3 * 1024 * 1024]);
        Files.write(share.resolve("empty.txt"), new byte[0]);
        TorrentCreatorConfig config = TorrentCreatorConfig.builder()
                .tracker("http://a.example/announce").tracker("udp://b.example:6969")
                .privateTorrent(true).comment("two discs").createdBy("switchboard test")
                .clock(new SettableClock()).build();
        Metainfo metainfo = new TorrentCreator(config).create(share, HashingProgress.NONE);
        Path torrent = Files.write(dir.resolve("album.torrent"), metainfo.bytes());

        CliRun run = CliRun.of("torrent", "info", torrent.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(String.join("\n",
                "name: album",
                "info-hash: " + metainfo.infoHash().hex(),
                "size: 3165728 (3.0 MiB)",
                "pieces: 194 x 16384",
                "private: yes",
                "comment: two discs",
                "created by: switchboard test",
                "creation date: 2026-01-01T00:00:00Z",
                "files:",
                "  album/01.flac: 20000 (19.5 KiB)",
                "  album/disc 2/01.flac: 3145728 (3.0 MiB)",
                "  album/empty.txt: 0 (0 B)",
                "trackers:",
                "  tier 1: http://a.example/announce",
                "  tier 2: udp://b.example:6969",
                ""));
    }

    @Test
    void singleFileTrackerlessTorrent() throws Exception {
        // written by hand: 5 bytes, one piece, no announce; info-hash from Python hashlib
        String info = "d6:lengthi5e4:name9:hello.txt12:piece lengthi16384e6:pieces20:" + "x".repeat(20) + "e";
        Path torrent = Files.writeString(dir.resolve("t.torrent"), "d4:info" + info + "e");

        CliRun run = CliRun.of("torrent", "info", torrent.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "name: hello.txt",
                "info-hash: a60553f7cc6637e7938d217404ffd5057c9475b0",
                "size: 5 (5 B)",
                "pieces: 1 x 16384",
                "private: no",
                "files:",
                "  hello.txt: 5 (5 B)",
                "trackers: none");
    }

    @Test
    void controlCharactersInTextAreShownEscaped() throws Exception {
        String info = "d6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces20:" + "x".repeat(20) + "e";
        Path torrent = Files.writeString(dir.resolve("t.torrent"), "d7:comment7:\u001b[2Jhi!4:info" + info + "e");

        CliRun run = CliRun.of("torrent", "info", torrent.toString());

        assertThat(run.out()).contains("comment: \\x1b[2Jhi!\n");
    }

    @Test
    void malformedTorrentIsOneErrorLine() throws Exception {
        String info = "d6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces19:" + "x".repeat(19) + "e";
        Path torrent = Files.writeString(dir.resolve("bad.torrent"), "d4:info" + info + "e");

        CliRun run = CliRun.of("torrent", "info", torrent.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("error: " + torrent
                + ": not a usable torrent: info.pieces: 19 bytes is not a whole number of 20-byte SHA-1 hashes");
    }

    @Test
    void pathEscapingTheDownloadDirectoryIsNamed() throws Exception {
        BDictionary file = BDictionary.builder().put("length", 1)
                .put("path", BList.of(BString.of(".."), BString.of(".."), BString.of(".bashrc"))).build();
        BDictionary info = BDictionary.builder().put("name", "evil").put("files", BList.of(file))
                .put("piece length", 16384).put("pieces", new byte[20]).build();
        Path torrent = Files.write(dir.resolve("evil.torrent"),
                new BencodeEncoder().encode(BDictionary.builder().put("info", info).build()));

        CliRun run = CliRun.of("torrent", "info", torrent.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: " + torrent + ": not a usable torrent: info.files[0].path: "
                + "unsafe path 'evil/../../.bashrc': component '..' would escape the output directory");
    }

    @Test
    void missingFileIsOneErrorLine() {
        Path missing = dir.resolve("missing.torrent");
        CliRun run = CliRun.of("torrent", "info", missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: " + missing + ": no such file");
    }

    @Test
    void directoryIsOneErrorLine() {
        CliRun run = CliRun.of("torrent", "info", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: " + dir + ": a directory, not a .torrent file");
    }

    @Test
    void notATorrentAtAll() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        CliRun run = CliRun.of("torrent", "info", text.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: " + text + ": not a usable torrent: not a bencoded "
                + "dictionary: at byte 0: unexpected byte 'h', expected 'i', 'l', 'd' or a string length");
    }
}
