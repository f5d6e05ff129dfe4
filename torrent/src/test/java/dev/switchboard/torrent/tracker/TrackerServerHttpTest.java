package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.InfoHash;
import static dev.switchboard.torrent.tracker.TrackerClient.announceQuery;
import static dev.switchboard.torrent.tracker.TrackerClient.percentEncode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BencodeDecoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP tracker on a real loopback port, driven by the JDK's HttpClient. */
class TrackerServerHttpTest {
    private static final byte[] HASH = new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            (byte) 0xFE, (byte) 0xFF};

    @RegisterExtension
    final TrackerFixture trackers = new TrackerFixture();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<byte[]> get(TrackerServer tracker, String target) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + tracker.localAddress().getPort() + target);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static BDictionary bencoded(HttpResponse<byte[]> response) {
        return (BDictionary) new BencodeDecoder().decode(response.body());
    }

    @Test
    void aLeecherIsHandedTheSeederCompactly() throws Exception {
        TrackerServer tracker = trackers.start(b -> b.announceInterval(Duration.ofSeconds(900)));
        HttpResponse<byte[]> seeded = get(tracker, "/announce?" + announceQuery(HASH, 7001, 0, "&compact=1&event=started"));
        assertThat(seeded.statusCode()).isEqualTo(200);
        assertThat(seeded.headers().firstValue("content-type")).contains("text/plain");
        BDictionary seederReply = bencoded(seeded);
        assertThat(seederReply.getLong("interval")).isEqualTo(900);
        assertThat(seederReply.getLong("complete")).isEqualTo(1);
        assertThat(seederReply.getByteString("peers").length()).isZero();

        BDictionary leecherReply = bencoded(get(tracker,
                "/announce?" + announceQuery(HASH, 7002, 500, "&compact=1&event=started&numwant=5")));
        assertThat(leecherReply.getByteString("peers").bytes()).containsExactly(127, 0, 0, 1, 0x1b, 0x59);
        assertThat(leecherReply.containsKey("peers6")).isFalse();
        assertThat(leecherReply.getLong("incomplete")).isEqualTo(1);
    }

    @Test
    void withoutCompactThePeersAreBep3Dictionaries() throws Exception {
        TrackerServer tracker = trackers.start();
        get(tracker, "/announce?" + announceQuery(HASH, 7001, 0, ""));
        BDictionary reply = bencoded(get(tracker, "/announce?" + announceQuery(HASH, 7002, 1, "&compact=0")));
        BList peers = reply.getList("peers");
        assertThat(peers.size()).isEqualTo(1);
        BDictionary peer = (BDictionary) peers.get(0);
        assertThat(peer.getString("ip")).isEqualTo("127.0.0.1");
        assertThat(peer.getLong("port")).isEqualTo(7001);
        assertThat(peer.getByteString("peer id").bytes()).startsWith("-SB0001-".getBytes());
    }

    @Test
    void scrapeCountsSeedersLeechersAndCompletions() throws Exception {
        TrackerServer tracker = trackers.start();
        get(tracker, "/announce?" + announceQuery(HASH, 7001, 10, "&event=started"));
        get(tracker, "/announce?" + announceQuery(HASH, 7001, 0, "&event=completed"));
        get(tracker, "/announce?" + announceQuery(HASH, 7002, 10, "&event=started"));
        byte[] unknown = new byte[20];
        BDictionary files = bencoded(get(tracker, "/scrape?info_hash=" + percentEncode(HASH)
                + "&info_hash=" + percentEncode(unknown))).getDictionary("files");
        BDictionary stats = (BDictionary) files.get(dev.switchboard.bencode.BString.of(HASH)).orElseThrow();
        assertThat(stats.getLong("complete")).isEqualTo(1);
        assertThat(stats.getLong("downloaded")).isEqualTo(1);
        assertThat(stats.getLong("incomplete")).isEqualTo(1);
        BDictionary none = (BDictionary) files.get(dev.switchboard.bencode.BString.of(unknown)).orElseThrow();
        assertThat(none.getLong("complete")).isZero();
    }

    @Test
    void refusedRequestsGetAFailureReason() throws Exception {
        TrackerServer tracker = trackers.start(b -> b.allowList(AllowList.of(java.util.Set.of(InfoHash.of(HASH)))));
        HttpResponse<byte[]> missing = get(tracker, "/announce?peer_id=x&port=1");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(bencoded(missing).getString("failure reason")).isEqualTo("missing parameter 'info_hash'");

        byte[] other = Arrays.copyOf(HASH, 20);
        other[0] = 9;
        assertThat(bencoded(get(tracker, "/announce?" + announceQuery(other, 7001, 0, ""))).getString("failure reason"))
                .startsWith("unregistered torrent");
        assertThat(bencoded(get(tracker, "/scrape")).getString("failure reason"))
                .isEqualTo("missing parameter 'info_hash': this tracker does not do full scrapes");

        HttpResponse<byte[]> notFound = get(tracker, "/index.html");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(bencoded(notFound).getString("failure reason"))
                .isEqualTo("not found: this tracker serves /announce and /scrape");

        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + tracker.localAddress().getPort() + "/announce")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void manyRequestsOnOneKeptAliveConnection() throws Exception {
        TrackerServer tracker = trackers.start();
        for (int port = 7000; port < 7050; port++) {
            assertThat(get(tracker, "/announce?" + announceQuery(HASH, port, 1, "&compact=1")).statusCode())
                    .isEqualTo(200);
        }
        assertThat(tracker.openConnections()).as("HTTP/1.1 keep-alive").isEqualTo(1);
        assertThat(tracker.state().peerCount()).isEqualTo(50);
    }
}
