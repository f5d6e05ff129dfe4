package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 point 8, end to end through the engine on a real file system that fills up: a 4 MiB
 * download into a 1 MiB tmpfs stops with a clear error naming the full disk, and every piece it
 * counted as complete is whole on disk (a fresh client's resume check finds at least as many).
 */
class DiskFullTest {
    private static final int SIZE = 4 * 1024 * 1024;
    private static final int PIECE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsTheDownloadWithAClearErrorAndNoBrokenPieceCountedComplete() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("small-disk"));
        Optional<SmallDisk> mounted = SmallDisk.mount(disk, "1m");
        assumeThat(mounted).as("permission to mount a 1 MiB tmpfs (root)").isPresent();
        try (SmallDisk ignored = mounted.get();
                TestSwarm swarm = TestSwarm.singleFile(dir, "big.bin", SIZE, PIECE)) {
            swarm.startSeeder();
            Torrent leecher = swarm.client(b -> b).add(swarm.metainfo, disk);
            assertThatThrownBy(() -> leecher.completion().toCompletableFuture().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            TorrentStatus failed = leecher.status();
            assertThat(failed.state()).isEqualTo(TorrentState.FAILED);
            assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("No space left on device"));
            assertThat(failed.piecesHave()).as("pieces counted complete").isLessThan(failed.pieceCount());

            // a fresh client checks what is on the disk: every piece counted complete must be there, whole
            Torrent check = swarm.client(b -> b).add(swarm.metainfo, disk);
            check.ready().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(check.status().piecesHave()).as("pieces whole on disk")
                    .isGreaterThanOrEqualTo(failed.piecesHave());
            check.stop().get(10, TimeUnit.SECONDS);
        }
    }
}
