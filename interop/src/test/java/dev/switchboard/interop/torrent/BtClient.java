package dev.switchboard.interop.torrent;

import java.nio.file.Path;
import java.util.List;

/**
 * A BitTorrent client a scenario runs as a separate process, confined to 127.0.0.1 with DHT, local
 * peer discovery, peer exchange, UPnP and NAT-PMP off, so the tracker is the only way peers meet.
 * Each method returns the command line; {@link BtSwarm} starts it and kills it after the test.
 */
interface BtClient {
    /** A short name for messages: {@code aria2}, {@code libtorrent}, {@code switchboard}. */
    String name();

    /** Skips the test (or fails it on CI) when the client is not installed. */
    void require();

    /**
     * Whether the client connects to the peers a tracker hands it on 127.0.0.1. One that does not
     * (Transmission) only gets data when the others dial it, so it is started before the seeder.
     */
    default boolean dialsTrackerPeers() {
        return true;
    }

    /** Whether the client creates the torrent's empty files (Transmission 3.00 does not). */
    default boolean writesEmptyFiles() {
        return true;
    }

    /** Hash-checks {@code directory}/NAME against {@code torrent} and seeds it until killed. */
    List<String> seed(Path torrent, Path directory, int port);

    /** Downloads {@code torrent} into {@code directory} and exits with 0 once every piece is verified. */
    List<String> leech(Path torrent, Path directory, int port);
}
