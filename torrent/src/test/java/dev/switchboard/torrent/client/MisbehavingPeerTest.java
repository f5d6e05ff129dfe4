package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download beside a fake peer that lies, breaks the protocol or stalls still completes from the honest seeder. */
class MisbehavingPeerTest {
    private static final int PIECE = 16 * 1024;

    @TempDir
    Path dir;

    private static String announceUrl(TestSwarm swarm) {
        return swarm.metainfo.trackerTiers().get(0).get(0);
    }

    @Test
    void aPeerSendingCorruptDataIsBannedAfterThreeHashFailures() throws Exception {
        try (TestSwarm swarm = TestSwarm.singleFile(dir, "data.bin", 1024 * 1024, PIECE);
             FakePeer liar = new FakePeer(swarm.metainfo, FakePeer.Behaviour.CORRUPT)) {
            swarm.startSeeder(b -> b.uploadLimit(512 * 1024)); // slow enough that the liar is asked too
            liar.announce(announceUrl(swarm));
            Torrent leecher = swarm.startLeecher("out");

            TorrentStatus done = leecher.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);

            swarm.assertDownloaded("out");
            assertThat(liar.blocksSent.get()).as("corrupt blocks served").isGreaterThanOrEqualTo(PeerBans.STRIKES);
            assertThat(done.hashFailures()).isGreaterThanOrEqualTo(PeerBans.STRIKES);
            await().atMost(Duration.ofSeconds(10)).until(() -> liar.disconnects.get() == 1);
            assertThat(liar.connections.get()).as("banned: never connected again").isEqualTo(1);
        }
    }

    @Test
    void aPeerAnnouncingAPieceOutOfRangeIsDisconnectedAndTheDownloadGoesOn() throws Exception {
        try (TestSwarm swarm = TestSwarm.singleFile(dir, "data.bin", 512 * 1024 + 5, PIECE);
             FakePeer broken = new FakePeer(swarm.metainfo, FakePeer.Behaviour.OUT_OF_RANGE)) {
            swarm.startSeeder();
            broken.announce(announceUrl(swarm));
            Torrent leecher = swarm.startLeecher("out");

            leecher.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);

            swarm.assertDownloaded("out");
            await().atMost(Duration.ofSeconds(10)).until(() -> broken.disconnects.get() == 1);
            assertThat(broken.connections.get()).isEqualTo(1);
            assertThat(broken.received).noneMatch(m -> m instanceof dev.switchboard.torrent.wire.PeerMessage.Request);
        }
    }

    @Test
    void endGameFinishesWhileAPeerSitsOnItsRequests() throws Exception {
        try (TestSwarm swarm = TestSwarm.singleFile(dir, "data.bin", 768 * 1024 + 99, 64 * 1024);
             FakePeer staller = new FakePeer(swarm.metainfo, FakePeer.Behaviour.SILENT)) {
            staller.announce(announceUrl(swarm));
            swarm.startSeeder();
            Torrent leecher = swarm.startLeecher("out");

            // the staller never answers (and is not dropped for 3 minutes): only end game can finish
            leecher.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);

            swarm.assertDownloaded("out");
            assertThat(staller.received).anyMatch(m -> m instanceof dev.switchboard.torrent.wire.PeerMessage.Request);
            await().atMost(Duration.ofSeconds(10)).until(() -> staller.cancelsReceived() > 0);
        }
    }
}
