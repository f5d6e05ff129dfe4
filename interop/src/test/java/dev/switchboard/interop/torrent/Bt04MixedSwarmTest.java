package dev.switchboard.interop.torrent;

import static dev.switchboard.interop.torrent.BtSwarm.ARIA2;
import static dev.switchboard.interop.torrent.BtSwarm.LIBTORRENT;
import static dev.switchboard.interop.torrent.BtSwarm.SWITCHBOARD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario (d): one seeder and three leechers of mixed make in one swarm, introduced by our tracker.
 * The leechers start together, so besides the seeder they download from each other; every leecher's
 * download is checked byte for byte.
 */
class Bt04MixedSwarmTest {
    @RegisterExtension
    final BtSwarm swarm = new BtSwarm();

    @Test
    void anAria2SeederWithLibtorrentAria2AndLibtorrentLeechers() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 41);
        swarm.transfer(ARIA2, List.of(LIBTORRENT, ARIA2, LIBTORRENT),
                swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void aLibtorrentSeederWithAria2LibtorrentAndOurLeechers() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 42);
        swarm.transfer(LIBTORRENT, List.of(ARIA2, LIBTORRENT, SWITCHBOARD),
                swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void ourSeederWithOurAria2AndLibtorrentLeechers() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 43);
        swarm.transfer(SWITCHBOARD, List.of(SWITCHBOARD, ARIA2, LIBTORRENT),
                swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }
}
