package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole swarms on loopback: our tracker, one seeder, leechers; every byte compared. */
class SwarmTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} leecher(s)")
    @ValueSource(ints = {1, 3})
    void leechersDownloadASingleFileFromOneSeeder(int leecherCount) throws Exception {
        try (TestSwarm swarm = TestSwarm.singleFile(dir, "payload.bin", 3 * 1024 * 1024 + 4321, 64 * 1024)) {
            Torrent seeder = swarm.startSeeder();
            List<Torrent> leechers = new ArrayList<>();
            for (int i = 0; i < leecherCount; i++) {
                leechers.add(swarm.startLeecher("leecher" + i));
            }
            for (int i = 0; i < leecherCount; i++) {
                TorrentStatus done = leechers.get(i).completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
                assertThat(done.isComplete()).isTrue();
                swarm.assertDownloaded("leecher" + i);
            }
            assertThat(seeder.status().state()).isEqualTo(TorrentState.SEEDING);
            // complete without --seed: the leecher stops itself right after completing
            await().atMost(Duration.ofSeconds(10)).until(() -> leechers.get(0).status().state() == TorrentState.STOPPED);
        }
    }

    @Test
    void multiFileTorrentWithPiecesAcrossFilesAndAnEmptyFile() throws Exception {
        int piece = 32 * 1024;
        try (TestSwarm swarm = TestSwarm.multiFile(dir, "album", piece,
                "a.bin", piece - 1,
                "empty.txt", 0,
                "sub/b.bin", piece + 1,
                "sub/deeper/c.bin", 5 * piece + 77,
                "z.bin", 3)) {
            swarm.startSeeder();
            Torrent leecher = swarm.startLeecher("out");
            leecher.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
            swarm.assertDownloaded("out");
        }
    }
}
