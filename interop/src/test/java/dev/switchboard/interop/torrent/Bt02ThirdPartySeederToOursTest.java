package dev.switchboard.interop.torrent;

import static dev.switchboard.interop.torrent.BtSwarm.ARIA2;
import static dev.switchboard.interop.torrent.BtSwarm.LIBTORRENT;
import static dev.switchboard.interop.torrent.BtSwarm.SWITCHBOARD;
import static dev.switchboard.interop.torrent.BtSwarm.TRANSMISSION;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario (b): a third-party seeder, found through our tracker, and our {@code switchboard torrent get}
 * as the leecher; the download is checked byte for byte. (The third-party seeders themselves are also proven
 * against third-party leechers in {@link Bt01TrackerTwoClientsTest}.)
 */
class Bt02ThirdPartySeederToOursTest {
    @RegisterExtension
    final BtSwarm swarm = new BtSwarm();

    @Test
    void ourPeerGetsTheFileFromAnAria2Seeder() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 21);
        swarm.transfer(ARIA2, SWITCHBOARD, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void ourPeerGetsTheFileFromALibtorrentSeeder() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 22);
        swarm.transfer(LIBTORRENT, SWITCHBOARD, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void ourPeerGetsTheFileFromATransmissionSeeder() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 24);
        swarm.transfer(TRANSMISSION, SWITCHBOARD, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void ourPeerGetsTheFileFromALibtorrentSeederThroughTheUdpTracker() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 23);
        swarm.transfer(LIBTORRENT, SWITCHBOARD, swarm.createTorrent(payload, swarm.udpAnnounceUrl()), payload);
    }
}
