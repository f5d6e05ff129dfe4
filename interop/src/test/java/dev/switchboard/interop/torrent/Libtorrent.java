package dev.switchboard.interop.torrent;

import dev.switchboard.testkit.ThirdParty;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * libtorrent-rasterbar through Debian's {@code /usr/bin/python3} with python3-libtorrent, driven by the
 * test resource {@code torrent/lt_peer.py}: TCP only, DHT, LSD, UPnP, NAT-PMP and peer exchange off,
 * listening on 127.0.0.1 only. The seeder prints {@code seeding} once its data is checked; the leecher
 * prints {@code complete} and exits 0. It also makes torrents ({@link #create}).
 */
final class Libtorrent implements BtClient {
    static final String PYTHON = "/usr/bin/python3";

    @Override
    public String name() {
        return "libtorrent";
    }

    @Override
    public void require() {
        ThirdParty.requirePythonModule("libtorrent", "python3-libtorrent");
    }

    @Override
    public List<String> seed(Path torrent, Path directory, int port) {
        return List.of(PYTHON, "-u", script(), "seed", torrent.toString(), directory.toString(), String.valueOf(port));
    }

    @Override
    public List<String> leech(Path torrent, Path directory, int port) {
        return List.of(PYTHON, "-u", script(), "leech", torrent.toString(), directory.toString(), String.valueOf(port));
    }

    /**
     * Makes {@code out} from {@code source} with libtorrent's {@code create_torrent}: v1 only, or a v1+v2
     * hybrid with BEP 47 padding files when {@code hybrid}. The program prints {@code info-hash HEX}.
     */
    List<String> create(Path source, Path out, String tracker, int pieceLength, boolean hybrid) {
        return List.of(PYTHON, "-u", script(), "create", source.toString(), out.toString(), tracker,
                String.valueOf(pieceLength), hybrid ? "hybrid" : "v1");
    }

    private static String script() {
        try {
            return Path.of(Libtorrent.class.getResource("/torrent/lt_peer.py").toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource /torrent/lt_peer.py", e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
