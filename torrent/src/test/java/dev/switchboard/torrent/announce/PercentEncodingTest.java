package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.PercentEncoding;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.tracker.http.QueryString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PercentEncodingTest {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    @Test
    void everyByteValueIsEncodedOnItsOwnAsBep3Asks() {
        for (int value = 0; value < 256; value++) {
            String encoded = PercentEncoding.encode(new byte[] {(byte) value});
            if (UNRESERVED.indexOf(value) >= 0) {
                assertThat(encoded).as("byte %d", value).isEqualTo(String.valueOf((char) value));
            } else {
                assertThat(encoded).as("byte %d", value).isEqualTo(String.format("%%%02X", value));
            }
        }
    }

    @Test
    void all256ValuesSurviveTheTrackersQueryDecoding() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String query = "v=" + PercentEncoding.encode(all);
        QueryString decoded = QueryString.parse(query.getBytes(StandardCharsets.US_ASCII), 4);
        assertThat(decoded.required("v")).isEqualTo(all);
        assertThat(query).matches("v=[A-Za-z0-9._~%-]+");
    }

    @Test
    void announceUrlCarriesEveryParameterAndKeepsTheTrackersOwnQuery() {
        byte[] hash = new byte[20];
        for (int i = 0; i < 20; i++) {
            hash[i] = (byte) (0xF0 + i % 16);
        }
        AnnounceRequest request = new AnnounceRequest(InfoHash.of(hash),
                PeerId.of("-SB0001-abc def+/xyz".getBytes(StandardCharsets.US_ASCII)), 6881, 10, 20, 30,
                AnnounceEvent.STARTED, 50, 0xCAFE);
        URI uri = HttpTrackerClient.announceUri(URI.create("http://t.example:80/announce?passkey=abc#frag"),
                request, "id 1");
        assertThat(uri.toString()).startsWith("http://t.example:80/announce?passkey=abc&info_hash=%F0%F1")
                .contains("&peer_id=-SB0001-abc%20def%2B%2Fxyz&port=6881&uploaded=10&downloaded=20&left=30"
                        + "&compact=1&key=0000CAFE&numwant=50&event=started&trackerid=id%201")
                .doesNotContain("frag");
        URI plain = HttpTrackerClient.announceUri(URI.create("http://t.example/announce"),
                request.withEvent(AnnounceEvent.NONE), null);
        assertThat(plain.toString()).contains("/announce?info_hash=").doesNotContain("event=").doesNotContain("trackerid");
    }
}
