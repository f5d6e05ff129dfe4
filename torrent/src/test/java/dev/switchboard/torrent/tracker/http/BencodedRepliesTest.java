package dev.switchboard.torrent.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.torrent.tracker.AnnounceResult;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.Peer;
import dev.switchboard.torrent.tracker.PeerEndpoint;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.tracker.ScrapeStats;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact bytes of the bencoded replies. */
class BencodedRepliesTest {
    private static final PeerId ID = PeerId.of("-SB0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static Peer peer(String ip, int port) throws Exception {
        return new Peer(ID, new PeerEndpoint(InetAddress.getByName(ip), port));
    }

    @Test
    void failure() {
        assertThat(text(BencodedReplies.failure("missing parameter 'info_hash'")))
                .isEqualTo("d14:failure reason29:missing parameter 'info_hash'e");
    }

    @Test
    void compactAnnounceWithIpv4AndIpv6Peers() throws Exception {
        AnnounceResult result = new AnnounceResult(Duration.ofMinutes(30), 2, 1,
                List.of(peer("127.0.0.1", 6881), peer("::1", 0x1A2B), peer("10.1.2.3", 258)));
        assertThat(text(BencodedReplies.announce(result, true, false))).isEqualTo(
                "d8:completei2e10:incompletei1e8:intervali1800e"
                        + "5:peers12:\u007f\0\0\u0001\u001a\u00e1\n\u0001\u0002\u0003\u0001\u0002"
                        + "6:peers618:" + "\0".repeat(15) + "\u0001\u001a\u002b"
                        + "e");
    }

    @Test
    void compactAnnounceWithoutIpv6PeersHasNoPeers6() {
        AnnounceResult result = new AnnounceResult(Duration.ofSeconds(60), 0, 0, List.of());
        assertThat(text(BencodedReplies.announce(result, true, false)))
                .isEqualTo("d8:completei0e10:incompletei0e8:intervali60e5:peers0:e");
    }

    @Test
    void bep3DictionaryListWithAndWithoutPeerIds() throws Exception {
        AnnounceResult result = new AnnounceResult(Duration.ofSeconds(60), 1, 0,
                List.of(peer("127.0.0.1", 6881), peer("::1", 6882)));
        assertThat(text(BencodedReplies.announce(result, false, false))).isEqualTo(
                "d8:completei1e10:incompletei0e8:intervali60e5:peersl"
                        + "d2:ip9:127.0.0.17:peer id20:-SB0001-abcdefghijkl4:porti6881ee"
                        + "d2:ip15:0:0:0:0:0:0:0:17:peer id20:-SB0001-abcdefghijkl4:porti6882ee"
                        + "ee");
        assertThat(text(BencodedReplies.announce(result, false, true))).isEqualTo(
                "d8:completei1e10:incompletei0e8:intervali60e5:peersl"
                        + "d2:ip9:127.0.0.14:porti6881ee"
                        + "d2:ip15:0:0:0:0:0:0:0:14:porti6882ee"
                        + "ee");
    }

    @Test
    void scrapeFiles() {
        Map<InfoHash, ScrapeStats> stats = new LinkedHashMap<>();
        stats.put(InfoHash.fromHex("41".repeat(20)), new ScrapeStats(3, 7, 2));
        assertThat(text(BencodedReplies.scrape(stats))).isEqualTo(
                "d5:filesd20:AAAAAAAAAAAAAAAAAAAAd8:completei3e10:downloadedi7e10:incompletei2eeee");
    }
}
