package dev.switchboard.interop.torrent;

import dev.switchboard.testkit.ThirdParty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * aria2c (Debian package aria2). It has no UDP tracker client while its DHT is off, so it is always
 * given the HTTP announce URL. It re-announces every {@link #ANNOUNCE_SECONDS} seconds whatever the
 * tracker's interval, so a seeder learns of leechers that joined after it.
 */
final class Aria2 implements BtClient {
    static final int ANNOUNCE_SECONDS = 2;

    @Override
    public String name() {
        return "aria2";
    }

    @Override
    public void require() {
        ThirdParty.requireCommand("aria2c", "aria2");
    }

    @Override
    public List<String> seed(Path torrent, Path directory, int port) {
        // --seed-ratio=0.0 with no --seed-time: seed until killed
        return command(torrent, directory, port, "--check-integrity=true", "--bt-seed-unverified=false",
                "--seed-ratio=0.0");
    }

    @Override
    public List<String> leech(Path torrent, Path directory, int port) {
        // --seed-time=0: exit 0 as soon as the download is complete (every piece hash-checked as it comes);
        // no --check-integrity: on an empty directory it only logs a misleading "Checksum error detected"
        return command(torrent, directory, port, "--seed-time=0");
    }

    private static List<String> command(Path torrent, Path directory, int port, String... mode) {
        List<String> command = new ArrayList<>(List.of("aria2c", "--no-conf=true",
                "--dir=" + directory, "--listen-port=" + port, "--interface=127.0.0.1", "--disable-ipv6=true",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--dht-file-path=/dev/null", "--dht-file-path6=/dev/null",
                "--bt-tracker-interval=" + ANNOUNCE_SECONDS, "--bt-save-metadata=false",
                "--bt-min-crypto-level=plain", "--bt-require-crypto=false",
                "--summary-interval=0", "--console-log-level=warn", "--allow-overwrite=true",
                "--file-allocation=none", "--stop=" + BtSwarm.TRANSFER_TIMEOUT.toSeconds()));
        command.addAll(List.of(mode));
        command.add(torrent.toString());
        return command;
    }

    @Override
    public String toString() {
        return name();
    }
}
