package dev.switchboard.interop.torrent;

import static dev.switchboard.interop.torrent.BtSwarm.ARIA2;
import static dev.switchboard.interop.torrent.BtSwarm.LIBTORRENT;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario (a): our tracker alone introduces two third-party clients, a seeder and a leecher, and the
 * leecher gets the file byte for byte. DHT, local peer discovery and peer exchange are off, so the
 * tracker is the only way the peers can meet. aria2 only speaks to HTTP trackers with its DHT off;
 * libtorrent is also run against our UDP tracker (BEP 15). Transmission, whose every download costs
 * 10-15 s of slow start, appears where it adds most: seeding to our peer ({@link
 * Bt02ThirdPartySeederToOursTest}), leeching from ours ({@link Bt03OurSeederToThirdPartyTest}) and from
 * libtorrent in a torrent we made ({@link Bt05MultiFileBothWaysTest}).
 */
class Bt01TrackerTwoClientsTest {
    @RegisterExtension
    final BtSwarm swarm = new BtSwarm();

    @Test
    void anAria2LeecherGetsTheFileFromAnAria2SeederFoundThroughTheHttpTracker() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 1);
        TorrentFile torrent = swarm.createTorrent(payload, swarm.announceUrl());
        swarm.transfer(ARIA2, ARIA2, torrent, payload);
        awaitCompletedDownload(torrent);
    }

    @Test
    void anAria2LeecherGetsTheFileFromALibtorrentSeeder() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 2);
        swarm.transfer(LIBTORRENT, ARIA2, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void aLibtorrentLeecherGetsTheFileFromAnAria2Seeder() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 3);
        swarm.transfer(ARIA2, LIBTORRENT, swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void twoLibtorrentPeersFindEachOtherThroughTheUdpTracker() {
        Payload payload = Payload.singleFile(swarm.directory("seed"), 4);
        TorrentFile torrent = swarm.createTorrent(payload, swarm.udpAnnounceUrl());
        swarm.transfer(LIBTORRENT, LIBTORRENT, torrent, payload);
        awaitCompletedDownload(torrent);
    }

    /** The leecher's {@code completed} announce reached the tracker (scrape {@code downloaded}). */
    private void awaitCompletedDownload(TorrentFile torrent) {
        await("the tracker counted the completed download").atMost(Duration.ofSeconds(10))
                .until(() -> swarm.tracker().state().scrape(torrent.infoHash()).downloaded() >= 1);
    }
}
