package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming an interrupted download, and the upload limit measured as bytes over time. */
class ResumeAndLimitTest {
    private static final int KIB = 1024;

    @TempDir
    Path dir;

    @Test
    void aSecondRunChecksWhatIsOnDiskAndDownloadsOnlyTheMissingPieces() throws Exception {
        try (TestSwarm swarm = TestSwarm.singleFile(dir, "data.bin", 2 * 1024 * KIB + 17, 16 * KIB)) {
            swarm.startSeeder(b -> b.uploadLimit(512 * KIB));
            int pieces = swarm.metainfo.pieceCount();
            TorrentClient first = swarm.client(b -> b);
            Torrent interrupted = first.add(swarm.metainfo, dir.resolve("out"));
            await().atMost(Duration.ofSeconds(30)).until(() -> interrupted.status().piecesHave() >= pieces / 3);
            first.close(); // killed half way
            TorrentStatus before = interrupted.status();
            assertThat(before.isComplete()).isFalse();

            Torrent resumed = swarm.startLeecher("out");
            resumed.ready().toCompletableFuture().get(30, TimeUnit.SECONDS);
            long haveAtStart = resumed.status().bytesHave();
            assertThat(resumed.status().piecesHave()).isGreaterThanOrEqualTo(before.piecesHave());
            TorrentStatus done = resumed.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);

            swarm.assertDownloaded("out");
            long missing = swarm.metainfo.totalSize() - haveAtStart;
            assertThat(done.downloaded()).as("bytes fetched by the second run")
                    .isGreaterThanOrEqualTo(missing)
                    .isLessThanOrEqualTo(missing + 8 * 16 * KIB); // a few end-game duplicates at most
        }
    }

    @Test
    void theUploadLimitHoldsOverAWholeTransfer() throws Exception {
        long limit = 256 * KIB;
        int size = 1024 * KIB;
        try (TestSwarm swarm = TestSwarm.singleFile(dir, "data.bin", size, 32 * KIB)) {
            Torrent seeder = swarm.startSeeder(b -> b.uploadLimit(limit));
            long start = System.nanoTime();
            Torrent leecher = swarm.startLeecher("out");
            leecher.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;

            swarm.assertDownloaded("out");
            double rate = size / seconds;
            // the bucket's burst is a quarter second: 1 MiB at 256 KiB/s takes at least 3.75 s
            assertThat(rate).as("bytes/s with a limit of %d", limit).isBetween(limit * 0.1, limit * 1.15);
            assertThat(seeder.status().uploaded()).isGreaterThanOrEqualTo(size);
        }
    }
}
