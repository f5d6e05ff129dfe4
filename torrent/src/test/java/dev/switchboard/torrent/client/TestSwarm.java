package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.torrent.announce.AnnounceConfig;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * An in-process swarm on loopback (as bt's {@code SwarmBuilder}): our tracker on port 0, a payload
 * written to disk and its torrent, one seeder and any number of leechers, every client on port 0.
 * Closes everything it started.
 */
final class TestSwarm implements AutoCloseable {
    final TrackerServer tracker;
    final Path root;
    final Path seedDir;
    final Metainfo metainfo;
    final Map<String, byte[]> files;
    private final List<TorrentClient> clients = new ArrayList<>();

    private TestSwarm(Path root, Map<String, byte[]> files, String name, boolean multi, int pieceLength) {
        this.root = root;
        this.files = files;
        this.seedDir = root.resolve("seed");
        this.tracker = TrackerServer.start(TrackerConfig.builder().port(0).ioThreads(1).build());
        try {
            Path payload = seedDir.resolve(name);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = multi ? payload.resolve(file.getKey()) : payload;
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            this.metainfo = new TorrentCreator(TorrentCreatorConfig.builder()
                    .tracker("http://127.0.0.1:" + tracker.localAddress().getPort() + "/announce")
                    .pieceLength(pieceLength).build()).create(payload, (done, total) -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single-file torrent of {@code size} random bytes. */
    static TestSwarm singleFile(Path root, String name, int size, int pieceLength) {
        return new TestSwarm(root, Map.of(name, random(size, 1)), name, false, pieceLength);
    }

    /** A multi-file torrent; {@code pathsAndSizes} alternates relative path and size. */
    static TestSwarm multiFile(Path root, String name, int pieceLength, Object... pathsAndSizes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSizes.length; i += 2) {
            files.put((String) pathsAndSizes[i], random((Integer) pathsAndSizes[i + 1], i + 7));
        }
        return new TestSwarm(root, files, name, true, pieceLength);
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Test defaults: port 0, short tracker timeouts, two io threads. */
    static PeerConfig.Builder config() {
        return PeerConfig.builder().port(0).ioThreads(2).announce(AnnounceConfig.builder()
                .httpTimeout(Duration.ofSeconds(5)).stopTimeout(Duration.ofSeconds(2)).build());
    }

    TorrentClient client(UnaryOperator<PeerConfig.Builder> settings) {
        TorrentClient client = TorrentClient.start(settings.apply(config()).build());
        clients.add(client);
        return client;
    }

    /** Starts a seeder on the payload and waits until the tracker counts it as complete. */
    Torrent startSeeder(UnaryOperator<PeerConfig.Builder> settings) {
        int before = tracker.state().scrape(metainfo.infoHash()).complete();
        Torrent torrent = client(b -> settings.apply(b.seedAfterCompletion(true))).add(metainfo, seedDir);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tracker.state().scrape(metainfo.infoHash()).complete() > before);
        return torrent;
    }

    Torrent startSeeder() {
        return startSeeder(b -> b);
    }

    /** Starts a leecher writing below {@code root/name}. */
    Torrent startLeecher(String name, UnaryOperator<PeerConfig.Builder> settings) {
        return client(settings).add(metainfo, root.resolve(name));
    }

    Torrent startLeecher(String name) {
        return startLeecher(name, b -> b);
    }

    /** Asserts that every file below {@code root/name} has exactly the payload's bytes. */
    void assertDownloaded(String name) throws IOException {
        Path payload = root.resolve(name).resolve(metainfo.name());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = metainfo.isMultiFile() ? payload.resolve(file.getKey()) : payload;
            assertThat(Files.readAllBytes(path)).as(path.toString()).isEqualTo(file.getValue());
        }
    }

    @Override
    public void close() {
        for (TorrentClient client : clients) {
            client.close();
        }
        tracker.close();
    }
}
