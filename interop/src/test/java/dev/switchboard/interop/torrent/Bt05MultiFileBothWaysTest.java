package dev.switchboard.interop.torrent;

import static dev.switchboard.interop.torrent.BtSwarm.ARIA2;
import static dev.switchboard.interop.torrent.BtSwarm.LIBTORRENT;
import static dev.switchboard.interop.torrent.BtSwarm.SWITCHBOARD;
import static dev.switchboard.interop.torrent.BtSwarm.TRANSMISSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario (e): a multi-file torrent (nested directories, an empty file, files ending on, before and
 * after piece boundaries) made by us is read and downloaded by third-party clients, and one made by
 * libtorrent's create_torrent is read and downloaded by us. Every file is checked byte for byte.
 */
class Bt05MultiFileBothWaysTest {
    @RegisterExtension
    final BtSwarm swarm = new BtSwarm();

    @Test
    void thirdPartyClientsDownloadAMultiFileTorrentWeMade() {
        Payload payload = Payload.tree(swarm.directory("seed"), 51);
        swarm.transfer(LIBTORRENT, List.of(ARIA2, LIBTORRENT, TRANSMISSION),
                swarm.createTorrent(payload, swarm.announceUrl()), payload);
    }

    @Test
    void ourTorrentInfoReadsAMultiFileTorrentLibtorrentMade() throws IOException {
        Payload payload = Payload.tree(swarm.directory("seed"), 52);
        TorrentFile torrent = swarm.createLibtorrentTorrent(payload, swarm.announceUrl(), false);
        assertInfoListsThePayload(torrent, payload);
    }

    @Test
    void ourTorrentInfoReadsAHybridTorrentWithPaddingFilesLibtorrentMade() throws IOException {
        Payload payload = Payload.tree(swarm.directory("seed"), 53);
        TorrentFile torrent = swarm.createLibtorrentTorrent(payload, swarm.announceUrl(), true);
        assertInfoListsThePayload(torrent, payload);
    }

    @Test
    void aThirdPartyClientDownloadsAMultiFileTorrentLibtorrentMade() {
        Payload payload = Payload.tree(swarm.directory("seed"), 54);
        swarm.transfer(LIBTORRENT, ARIA2, swarm.createLibtorrentTorrent(payload, swarm.announceUrl(), false), payload);
    }

    @Test
    void ourPeerDownloadsAMultiFileTorrentLibtorrentMadeAndSeeds() {
        Payload payload = Payload.tree(swarm.directory("seed"), 55);
        swarm.transfer(LIBTORRENT, SWITCHBOARD, swarm.createLibtorrentTorrent(payload, swarm.announceUrl(), false),
                payload);
    }

    @Test
    void ourSeederServesAMultiFileTorrentWeMadeToAria2AndLibtorrent() {
        Payload payload = Payload.tree(swarm.directory("seed"), 56);
        swarm.transfer(SWITCHBOARD, List.of(ARIA2, LIBTORRENT), swarm.createTorrent(payload, swarm.announceUrl()),
                payload);
    }

    /**
     * {@code switchboard torrent info} prints the torrent's name, the info-hash libtorrent computed, and
     * every file of the payload (padding files left out) with its size, in any order.
     */
    private void assertInfoListsThePayload(TorrentFile torrent, Payload payload) throws IOException {
        List<String> lines = swarm.start(SWITCHBOARD.info(torrent.path())).awaitSuccess();
        List<String> files = new ArrayList<>();
        for (String path : payload.sha256().keySet()) {
            files.add("  " + path + ": " + Files.size(payload.seedDirectory().resolve(path)) + " (");
        }
        List<String> listed = lines.stream().filter(line -> line.startsWith("  ") && !line.startsWith("  tier"))
                .map(line -> line.substring(0, line.indexOf(" (") + 2)).toList();
        assertThat(lines).as("torrent info of %s", torrent).contains("name: " + payload.name(),
                "info-hash: " + torrent.infoHash().hex(), "trackers:", "  tier 1: " + swarm.announceUrl());
        assertThat(listed).as("files listed by torrent info of %s", torrent).containsExactlyInAnyOrderElementsOf(files);
    }
}
