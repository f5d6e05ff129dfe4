package dev.switchboard.cli.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cli.CliProcess;
import dev.switchboard.cli.CliRun;
import dev.switchboard.torrent.client.PeerConfig;
import dev.switchboard.torrent.client.TorrentClient;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.TorrentCreator;
import dev.switchboard.torrent.metainfo.TorrentCreatorConfig;
import dev.switchboard.torrent.tracker.TrackerConfig;
import dev.switchboard.torrent.tracker.TrackerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code torrent get} and {@code torrent seed}: flags, errors, and whole transfers on loopback. */
class TorrentGetCommandTest {
    @TempDir
    Path dir;
    private TrackerServer tracker;
    private Path torrentFile;
    private Metainfo metainfo;
    private byte[] payload;

    @BeforeEach
    void torrent() throws Exception {
        tracker = TrackerServer.start(TrackerConfig.builder().port(0).ioThreads(1).build());
        payload = new byte[700 * 1024 + 3];
        new Random(5).nextBytes(payload);
        Files.createDirectories(dir.resolve("seed"));
        Files.write(dir.resolve("seed/data.bin"), payload);
        metainfo = new TorrentCreator(TorrentCreatorConfig.builder()
                .tracker("http://127.0.0.1:" + tracker.localAddress().getPort() + "/announce")
                .pieceLength(32 * 1024).build()).create(dir.resolve("seed/data.bin"), (done, total) -> { });
        torrentFile = dir.resolve("data.torrent");
        Files.write(torrentFile, metainfo.bytes());
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    @Test
    void argumentErrorsAreOneLineEach() {
        CliRun noOutput = CliRun.of("torrent", "get", torrentFile.toString());
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.errLines()[0]).isEqualTo("error: Missing required option: '--output=DIR'");

        CliRun missing = CliRun.of("torrent", "get", dir.resolve("nope.torrent").toString(), "-o", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("error: " + dir.resolve("nope.torrent") + ": no such file");

        CliRun badRate = CliRun.of("torrent", "get", torrentFile.toString(), "-o", dir.toString(), "--download-limit", "fast");
        assertThat(badRate.exitCode()).isEqualTo(2);
        assertThat(badRate.errLines()[0]).contains("--download-limit").contains("'fast' is not a size");

        CliRun badPort = CliRun.of("torrent", "get", torrentFile.toString(), "-o", dir.toString(), "--port", "70000");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err().strip()).isEqualTo("error: port must be 0-65535, got 70000");

        CliRun badPeers = CliRun.of("torrent", "seed", torrentFile.toString(), dir.resolve("seed").toString(),
                "--max-peers", "0");
        assertThat(badPeers.exitCode()).isEqualTo(2);
        assertThat(badPeers.err().strip()).isEqualTo("error: max peers must be at least 1, got 0");

        CliRun noPayload = CliRun.of("torrent", "seed", torrentFile.toString(), dir.resolve("elsewhere").toString());
        assertThat(noPayload.exitCode()).isEqualTo(1);
        assertThat(noPayload.err().strip()).startsWith("error: " + dir.resolve("elsewhere/data.bin"))
                .contains("must be at DIR/data.bin");

        CliRun notATorrent = CliRun.of("torrent", "get", dir.resolve("seed/data.bin").toString(), "-o", dir.toString());
        assertThat(notATorrent.exitCode()).isEqualTo(1);
        assertThat(notATorrent.errLines()).hasSize(1);
        assertThat(notATorrent.err()).contains("not a usable torrent");
    }

    @Test
    void getDownloadsFromAnInProcessSeederAndEndsWithTheCompleteLine() throws Exception {
        try (TorrentClient seeder = TorrentClient.start(PeerConfig.builder().port(0).seedAfterCompletion(true).build())) {
            seeder.add(metainfo, dir.resolve("seed"));
            awaitSeeders(1);

            CliRun run = CliRun.of("torrent", "get", torrentFile.toString(), "-o", dir.resolve("out").toString(),
                    "--port", "0");

            assertThat(run.exitCode()).as(run.err()).isZero();
            String[] lines = run.out().strip().split("\n");
            assertThat(lines[0]).startsWith("get: data.bin (700.0 KiB, 22 pieces) into ");
            assertThat(lines[lines.length - 1]).matches("complete: data\\.bin 700\\.0 KiB in \\d+\\.\\d s \\(avg \\d+\\.\\d MiB/s\\)");
            assertThat(Files.readAllBytes(dir.resolve("out/data.bin"))).isEqualTo(payload);

            CliRun again = CliRun.of("torrent", "get", torrentFile.toString(), "-o", dir.resolve("out").toString(),
                    "--port", "0");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("complete: data.bin 700.0 KiB in ").contains("(avg 0.0 MiB/s)");
        }
    }

    @Test
    void seedServesUntilSigintThenAnnouncesStoppedAndExitsZero() throws Exception {
        try (CliProcess seed = CliProcess.start(List.of("torrent", "seed", torrentFile.toString(),
                dir.resolve("seed").toString(), "--port", "0"))) {
            assertThat(seed.awaitLine("seeding:")).matches("seeding: data\\.bin \\(700\\.0 KiB\\) on 127\\.0\\.0\\.1:\\d+; press Ctrl-C to stop");
            awaitSeeders(1);

            CliRun get = CliRun.of("torrent", "get", torrentFile.toString(), "-o", dir.resolve("out").toString(),
                    "--port", "0");
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("out/data.bin"))).isEqualTo(payload);

            String output = seed.interrupt();
            assertThat(seed.exitValue()).isZero();
            assertThat(output).contains("verified: 22 of 22 pieces").contains("stopped: uploaded 700.0 KiB");
            awaitSeeders(0);
        }
    }

    private void awaitSeeders(int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tracker.state().scrape(metainfo.infoHash()).complete() == count);
    }
}
