package dev.switchboard.torrent.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.tracker.Announce;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.TrackerException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Announce parameters: required ones, numbers, events, flags and hostile values. */
class HttpAnnounceTest {
    private static final String HASH = "%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f%10%11%12%13%ff";
    private static final String PEER = "-SB0001-%00%01%02%03%04%05%06%07%08%09%0a%0b";
    private static final String VALID = "info_hash=" + HASH + "&peer_id=" + PEER
            + "&port=6881&uploaded=1&downloaded=2&left=3";

    private static HttpAnnounce parse(String query) {
        return HttpAnnounce.from(QueryString.parse(query.getBytes(StandardCharsets.ISO_8859_1), 64),
                InetAddress.getLoopbackAddress());
    }

    @Test
    void aValidAnnounceKeepsEveryByteAndTakesTheAddressFromTheConnection() {
        HttpAnnounce parsed = parse(VALID + "&compact=1&event=started&numwant=80&ip=10.9.9.9&key=abc");
        Announce a = parsed.announce();
        assertThat(a.infoHash().hex()).isEqualTo("0102030405060708090a0b0c0d0e0f10111213ff");
        assertThat(a.peerId().bytes()).startsWith("-SB0001-".getBytes(StandardCharsets.US_ASCII)).endsWith(0x0b);
        assertThat(a.endpoint().address()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(a.endpoint().port()).isEqualTo(6881);
        assertThat(a.uploaded()).isEqualTo(1);
        assertThat(a.downloaded()).isEqualTo(2);
        assertThat(a.left()).isEqualTo(3);
        assertThat(a.event()).isEqualTo(AnnounceEvent.STARTED);
        assertThat(a.numWant()).isEqualTo(80);
        assertThat(parsed.compact()).isTrue();
        assertThat(parsed.noPeerId()).isFalse();
    }

    @Test
    void optionalParametersHaveBep3Defaults() {
        HttpAnnounce parsed = parse("info_hash=" + HASH + "&peer_id=" + PEER + "&port=1&left=0");
        assertThat(parsed.announce().event()).isEqualTo(AnnounceEvent.NONE);
        assertThat(parsed.announce().numWant()).isEqualTo(Announce.NUMWANT_UNSET);
        assertThat(parsed.announce().uploaded()).isZero();
        assertThat(parsed.compact()).as("BEP 3 list unless the client asks for compact").isFalse();
        assertThat(parse(VALID + "&event=&no_peer_id=1").noPeerId()).isTrue();
        assertThat(parse(VALID + "&event=empty").announce().event()).isEqualTo(AnnounceEvent.NONE);
        assertThat(parse(VALID + "&event=completed").announce().event()).isEqualTo(AnnounceEvent.COMPLETED);
        assertThat(parse(VALID + "&event=stopped").announce().event()).isEqualTo(AnnounceEvent.STOPPED);
    }

    @Test
    void numwantOutOfRangeIsReadAsUnsetOrAsMany() {
        assertThat(parse(VALID + "&numwant=-1").announce().numWant()).isEqualTo(Announce.NUMWANT_UNSET);
        assertThat(parse(VALID + "&numwant=1000000000").announce().numWant()).isEqualTo(1_000_000_000);
        assertThat(parse(VALID + "&numwant=99999999999999999999999").announce().numWant())
                .isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> parse(VALID + "&numwant=ten")).hasMessage("invalid numwant: must be a number, got 'ten'");
    }

    @Test
    void missingRequiredParametersAreNamed() {
        assertThatThrownBy(() -> parse("peer_id=" + PEER + "&port=1&left=0")).isInstanceOf(TrackerException.class)
                .hasMessage("missing parameter 'info_hash'");
        assertThatThrownBy(() -> parse("info_hash=" + HASH + "&port=1&left=0"))
                .hasMessage("missing parameter 'peer_id'");
        assertThatThrownBy(() -> parse("info_hash=" + HASH + "&peer_id=" + PEER + "&left=0"))
                .hasMessage("missing parameter 'port'");
        assertThatThrownBy(() -> parse("info_hash=" + HASH + "&peer_id=" + PEER + "&port=1"))
                .hasMessage("missing parameter 'left'");
    }

    @Test
    void wrongLengthsAndRangesAreRefused() {
        assertThatThrownBy(() -> parse(VALID.replace(HASH, HASH.substring(3))))
                .hasMessage("invalid info_hash: must be 20 bytes, got 19");
        assertThatThrownBy(() -> parse(VALID.replace(HASH, HASH + "%21")))
                .hasMessage("invalid info_hash: must be 20 bytes, got 21");
        assertThatThrownBy(() -> parse(VALID.replace(PEER, "short"))).hasMessage("invalid peer_id: must be 20 bytes, got 5");
        assertThatThrownBy(() -> parse(VALID.replace("port=6881", "port=0")))
                .hasMessage("invalid port: must be 1-65535, got 0");
        assertThatThrownBy(() -> parse(VALID.replace("port=6881", "port=70000")))
                .hasMessage("invalid port: must be 1-65535, got 70000");
        assertThatThrownBy(() -> parse(VALID.replace("left=3", "left=-3")))
                .hasMessage("invalid left: must be a number 0-999999999999999999, got '-3'");
        assertThatThrownBy(() -> parse(VALID.replace("left=3", "left=1234567890123456789")))
                .hasMessageStartingWith("invalid left");
        assertThatThrownBy(() -> parse(VALID.replace("uploaded=1", "uploaded=")))
                .hasMessageStartingWith("invalid uploaded");
        assertThatThrownBy(() -> parse(VALID + "&event=paused"))
                .hasMessage("invalid event: must be started, completed or stopped, got 'paused'");
        assertThatThrownBy(() -> parse(VALID + "&port=6882")).hasMessage("parameter 'port' is given 2 times");
    }

    @Test
    void hostileValuesAreNotEchoedRaw() {
        assertThatThrownBy(() -> parse(VALID + "&event=%00%1b[31m" + "x".repeat(100)))
                .hasMessage("invalid event: must be started, completed or stopped, got '??[31m" + "x".repeat(26) + "...'");
    }
}
