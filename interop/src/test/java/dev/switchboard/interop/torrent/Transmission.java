package dev.switchboard.interop.torrent;

import dev.switchboard.testkit.ThirdParty;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Transmission 3.00's {@code transmission-cli} (Debian package transmission-cli), driven by the test
 * resource {@code torrent/tr_peer.sh}: DHT, LPD, PEX, uTP, port mapping and RPC off, bound to
 * 127.0.0.1. Transmission drops the 127.x peers a tracker hands it but accepts incoming loopback
 * connections, so as a leecher it is started before its seeder and waits to be dialled
 * ({@link #dialsTrackerPeers}).
 */
final class Transmission implements BtClient {
    @Override
    public String name() {
        return "transmission";
    }

    @Override
    public void require() {
        ThirdParty.requireCommand("transmission-cli", "transmission-cli");
    }

    @Override
    public boolean dialsTrackerPeers() {
        return false;
    }

    /** Transmission 3.00 never creates a torrent's zero-length files (4.0 does). */
    @Override
    public boolean writesEmptyFiles() {
        return false;
    }

    @Override
    public List<String> seed(Path torrent, Path directory, int port) {
        return List.of("sh", script(), "seed", torrent.toString(), directory.toString(), String.valueOf(port));
    }

    @Override
    public List<String> leech(Path torrent, Path directory, int port) {
        return List.of("sh", script(), "leech", torrent.toString(), directory.toString(), String.valueOf(port));
    }

    private static String script() {
        try {
            return Path.of(Transmission.class.getResource("/torrent/tr_peer.sh").toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource /torrent/tr_peer.sh", e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
