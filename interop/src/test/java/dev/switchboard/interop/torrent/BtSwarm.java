package dev.switchboard.interop.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.interop.ExternalProgram;
import dev.switchboard.testkit.FreePorts;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.metainfo.HashingProgress;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.TorrentCreator;
import dev.switchboard.torrent.metainfo.TorrentCreatorConfig;
import dev.switchboard.torrent.tracker.TrackerConfig;
import dev.switchboard.torrent.tracker.TrackerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A swarm on 127.0.0.1 for one test: our tracker started in-process on port 0 (HTTP and UDP), a work
 * directory, and the peers the test runs as separate processes, each on a port from {@link FreePorts}.
 * After the test every process still running is killed, then the tracker closed and the work directory
 * deleted. Register with {@code @RegisterExtension}.
 */
final class BtSwarm implements BeforeEachCallback, AfterEachCallback {
    private static final Logger LOG = LoggerFactory.getLogger(BtSwarm.class);
    /** The longest a download may take; a few MiB on loopback take a few seconds. */
    static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(90);
    /** The longest a seeder may take to hash-check its data and announce itself complete. */
    static final Duration SEEDER_READY = Duration.ofSeconds(45);

    static final BtClient ARIA2 = new Aria2();
    static final Libtorrent LIBTORRENT = new Libtorrent();
    static final BtClient TRANSMISSION = new Transmission();
    static final SwitchboardCli SWITCHBOARD = new SwitchboardCli();

    private final List<ExternalProgram> programs = new ArrayList<>();
    private TrackerServer tracker;
    private Path work;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        tracker = TrackerServer.start(TrackerConfig.builder().port(0).ioThreads(1)
                .announceInterval(Duration.ofSeconds(Aria2.ANNOUNCE_SECONDS)).build());
        work = Files.createTempDirectory("bt-interop-");
    }

    TrackerServer tracker() {
        return tracker;
    }

    /** Our tracker's HTTP announce URL. */
    String announceUrl() {
        return "http://127.0.0.1:" + tracker.localAddress().getPort() + "/announce";
    }

    /** Our tracker's UDP (BEP 15) announce URL. */
    String udpAnnounceUrl() {
        return "udp://127.0.0.1:" + tracker.udpAddress().getPort() + "/announce";
    }

    /** A new empty directory {@code name} in the work directory. */
    Path directory(String name) {
        try {
            return Files.createDirectories(work.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code payload}'s torrent with our {@link TorrentCreator}, announcing to {@code announce}. */
    TorrentFile createTorrent(Payload payload, String announce) {
        try {
            Metainfo metainfo = new TorrentCreator(TorrentCreatorConfig.builder().tracker(announce)
                    .pieceLength(Payload.PIECE_LENGTH).createdBy("switchboard interop").build())
                    .create(payload.root(), HashingProgress.NONE);
            Path file = Files.write(work.resolve(payload.name() + ".switchboard.torrent"), metainfo.bytes());
            return new TorrentFile(file, metainfo.infoHash(), SWITCHBOARD.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Makes {@code payload}'s torrent with libtorrent's create_torrent (v1 only, or a v1+v2 hybrid). */
    TorrentFile createLibtorrentTorrent(Payload payload, String announce, boolean hybrid) {
        LIBTORRENT.require();
        Path file = work.resolve(payload.name() + (hybrid ? ".hybrid" : ".v1") + ".libtorrent.torrent");
        List<String> lines = start(LIBTORRENT.create(payload.root(), file, announce, Payload.PIECE_LENGTH, hybrid))
                .awaitSuccess();
        String hex = lines.stream().filter(line -> line.startsWith("info-hash ")).findFirst()
                .orElseThrow(() -> new AssertionError("libtorrent printed no info-hash: " + lines))
                .substring("info-hash ".length());
        return new TorrentFile(file, InfoHash.fromHex(hex), LIBTORRENT.name());
    }

    /** Starts {@code command}; it is killed after the test if still running. */
    ExternalProgram start(List<String> command) {
        LOG.info("starting {}", String.join(" ", command).replace(System.getProperty("java.class.path"), "<test class path>"));
        ExternalProgram program = ExternalProgram.start(command);
        programs.add(program);
        return program;
    }

    /**
     * Starts {@code client} seeding {@code payload} and waits until our tracker counts one more seeder
     * for the torrent: it has checked its data and announced, so leechers started now will find it.
     */
    ExternalProgram seed(BtClient client, TorrentFile torrent, Payload payload) {
        client.require();
        int seeders = tracker.state().scrape(torrent.infoHash()).complete();
        ExternalProgram seeder = start(client.seed(torrent.path(), payload.seedDirectory(), FreePorts.find()));
        awaitSeeders(torrent.infoHash(), seeders + 1, seeder);
        return seeder;
    }

    /** Starts {@code client} downloading {@code torrent} into the new directory {@code directory}. */
    ExternalProgram leech(BtClient client, TorrentFile torrent, Path directory) {
        client.require();
        return start(client.leech(torrent.path(), directory, FreePorts.find()));
    }

    /**
     * The whole one-to-one case: {@code seeder} seeds {@code payload}, then {@code leecher} downloads it
     * into a new directory, and every byte is checked.
     */
    void transfer(BtClient seeder, BtClient leecher, TorrentFile torrent, Payload payload) {
        transfer(seeder, List.of(leecher), torrent, payload);
    }

    /**
     * {@code seeder} seeds {@code payload}; once the tracker counts it, every leecher starts at once, each
     * into its own new directory, so they also trade pieces among themselves; then every leecher must
     * end with exit code 0 and every byte of each download is checked. A leecher that does not dial the
     * tracker's peers is started first instead, and the seeder only once the tracker counts it.
     */
    void transfer(BtClient seeder, List<BtClient> leechers, TorrentFile torrent, Payload payload) {
        List<Path> downloads = new ArrayList<>();
        List<ExternalProgram> started = new ArrayList<>();
        for (BtClient leecher : leechers) {
            downloads.add(directory("leecher-" + (downloads.size() + 1) + "-" + leecher.name()));
            started.add(null);
        }
        startLeechers(leechers, false, torrent, downloads, started);
        ExternalProgram seeding = seed(seeder, torrent, payload);
        long seederReady = System.nanoTime();
        startLeechers(leechers, true, torrent, downloads, started);
        for (int i = 0; i < started.size(); i++) {
            try {
                assertDownloaded(leechers.get(i), started.get(i), payload, downloads.get(i), seederReady);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nthe " + seeder.name() + " seeder's last output: "
                        + last(seeding.lines()) + "; errors " + last(seeding.errors()), e);
            }
        }
    }

    private static List<String> last(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }

    private void startLeechers(List<BtClient> leechers, boolean dialling, TorrentFile torrent, List<Path> downloads,
            List<ExternalProgram> started) {
        int waiting = 0;
        for (int i = 0; i < leechers.size(); i++) {
            if (leechers.get(i).dialsTrackerPeers() == dialling) {
                ExternalProgram leecher = leech(leechers.get(i), torrent, downloads.get(i));
                started.set(i, leecher);
                if (!dialling) {
                    int announced = ++waiting;
                    await(leecher + " announced to the tracker").atMost(SEEDER_READY)
                            .failFast("the leecher ended: " + leecher.lines(), () -> !leecher.isAlive())
                            .until(() -> tracker.state().scrape(torrent.infoHash()).incomplete() >= announced);
                }
            }
        }
    }

    /** Waits until our tracker counts {@code n} seeders for {@code infoHash}; fails early if {@code seeder} ends. */
    void awaitSeeders(InfoHash infoHash, int n, ExternalProgram seeder) {
        await(n + " seeder(s) announced to the tracker by " + seeder).atMost(SEEDER_READY)
                .failFast("the seeder ended: output " + seeder.lines() + "; errors " + seeder.errors(),
                        () -> !seeder.isAlive())
                .until(() -> tracker.state().scrape(infoHash).complete() >= n);
    }

    /**
     * Waits until {@code leecher} ended with exit code 0, then checks every byte of every file it wrote
     * into {@code directory} against {@code payload}; logs how long after {@code since} it ended.
     */
    private static void assertDownloaded(BtClient client, ExternalProgram leecher, Payload payload, Path directory,
            long since) {
        leecher.awaitSuccess(TRANSFER_TIMEOUT);
        LOG.info("{} complete {} ms after its seeder was ready", directory.getFileName(),
                (System.nanoTime() - since) / 1_000_000);
        payload.assertDownloadedTo(directory, client.writesEmptyFiles());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        programs.forEach(ExternalProgram::close);
        programs.clear();
        if (tracker != null) {
            tracker.close();
        }
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
