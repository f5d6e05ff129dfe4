package dev.switchboard.interop.torrent;

import static dev.switchboard.interop.torrent.BtSwarm.ARIA2;
import static dev.switchboard.interop.torrent.BtSwarm.LIBTORRENT;
import static dev.switchboard.interop.torrent.BtSwarm.SWITCHBOARD;
import static dev.switchboard.interop.torrent.BtSwarm.TRANSMISSION;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario (c): our {@code switchboard torrent seed} announces itself to our tracker and a third-party
 * leecher downloads from it; the download is checked byte for byte. (The third-party leechers
 * themselves are proven against third-party seeders in {@link Bt01TrackerTwoClientsTest}.)
 */
class Bt03OurSeederToThirdPartyTest {
    @RegisterExtension
    final BtSwarm swarm = new BtSwarm();

    @Test
    void anAria2LeecherGetsTheFileFromOurSeeder() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 31);
        swarm.transfer(SWITCHBOARD, ARIA2, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void aLibtorrentLeecherGetsTheFileFromOurSeeder() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 32);
        swarm.transfer(SWITCHBOARD, LIBTORRENT, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    /** Transmission does not dial the tracker's 127.x peers: our seeder must dial it. */
    @Test
    void aTransmissionLeecherGetsTheFileFromOurSeederThatDialsIt() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 33);
        swarm.transfer(SWITCHBOARD, TRANSMISSION, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }
}
