package dev.switchboard.torrent.tracker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BencodeEncoder;
import dev.switchboard.testkit.FreePorts;
import dev.switchboard.testkit.ThirdParty;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.TrackerFixture;
import dev.switchboard.torrent.tracker.TrackerServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two aria2c processes, a seeder and a leecher, find each other only through our HTTP tracker and
 * the leecher gets the file byte for byte. Everything on 127.0.0.1; DHT, LPD and PEX off, so the
 * tracker is the only way the peers can meet. (aria2 has no UDP tracker client with DHT off, so UDP
 * is covered by the BEP 15 tests and by tracker-check.sh with libtorrent.)
 */
class Aria2SwarmTest {
    private static final int PIECE_LENGTH = 16 * 1024;
    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final TrackerFixture trackers = new TrackerFixture();

    @TempDir
    Path work;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopPeers() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aLeecherGetsTheFileFromASeederFoundThroughTheTracker() throws Exception {
        ThirdParty.requireCommand("aria2c", "aria2");
        TrackerServer tracker = trackers.start(b -> b.announceInterval(Duration.ofSeconds(30)));
        byte[] payload = new byte[300 * 1024 + 123]; // not a whole number of pieces
        new Random(42).nextBytes(payload);
        Path seedDir = Files.createDirectories(work.resolve("seed"));
        Path leechDir = Files.createDirectories(work.resolve("leech"));
        Files.write(seedDir.resolve("payload.bin"), payload);

        BDictionary info = BDictionary.builder()
                .put("length", payload.length)
                .put("name", "payload.bin")
                .put("piece length", PIECE_LENGTH)
                .put("pieces", pieceHashes(payload))
                .build();
        byte[] infoBytes = new BencodeEncoder().encode(info);
        InfoHash infoHash = InfoHash.of(MessageDigest.getInstance("SHA-1").digest(infoBytes));
        String announce = "http://127.0.0.1:" + tracker.localAddress().getPort() + "/announce";
        Path torrent = work.resolve("payload.torrent");
        Files.write(torrent, new BencodeEncoder().encode(
                BDictionary.builder().put("announce", announce).put("info", info).build()));

        Process seeder = aria2("seed", torrent, seedDir, "--check-integrity=true", "--bt-seed-unverified=false",
                "--seed-ratio=0.0");
        await("the seeder announced itself complete").atMost(Duration.ofSeconds(60))
                .until(() -> tracker.state().scrape(infoHash).complete() >= 1 || !seeder.isAlive());
        assertThat(seeder.isAlive()).as("seeder running; its log:\n%s", log("seed")).isTrue();

        Process leecher = aria2("leech", torrent, leechDir, "--seed-time=0", "--seed-ratio=0");
        assertThat(leecher.waitFor(TRANSFER_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("leecher done within %s; its log:\n%s", TRANSFER_TIMEOUT, log("leech")).isTrue();
        assertThat(leecher.exitValue()).as("leecher exit code; its log:\n%s", log("leech")).isZero();
        assertThat(Files.readAllBytes(leechDir.resolve("payload.bin"))).as("byte for byte").isEqualTo(payload);
        await("the tracker counted the completed download").atMost(Duration.ofSeconds(10))
                .until(() -> tracker.state().scrape(infoHash).downloaded() >= 1);
    }

    private static byte[] pieceHashes(byte[] payload) throws Exception {
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int at = 0; at < payload.length; at += PIECE_LENGTH) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(payload, at, Math.min(PIECE_LENGTH, payload.length - at));
            pieces.writeBytes(sha1.digest());
        }
        return pieces.toByteArray();
    }

    /** aria2c confined to 127.0.0.1 with no way to find peers but the tracker; output to NAME.log. */
    private Process aria2(String name, Path torrent, Path dir, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("aria2c",
                "--dir=" + dir, "--listen-port=" + FreePorts.find(), "--interface=127.0.0.1",
                "--disable-ipv6=true", "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
                "--enable-peer-exchange=false", "--bt-save-metadata=false", "--summary-interval=0",
                "--console-log-level=notice", "--allow-overwrite=true", "--bt-min-crypto-level=plain",
                "--bt-require-crypto=false", "--stop=" + TRANSFER_TIMEOUT.toSeconds(),
                "--dht-file-path=" + work.resolve(name + ".dht"), "--dht-file-path6=" + work.resolve(name + ".dht6"),
                "--file-allocation=none", "--no-conf=true"));
        command.addAll(Arrays.asList(extra));
        command.add(torrent.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private String log(String name) {
        try {
            return Files.readString(work.resolve(name + ".log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
