package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodedAnnounceReplyTest {
    private static final int LIMIT = 1 << 20;

    private static AnnounceResponse parse(String bencode) {
        return BencodedAnnounceReply.parse(bencode.getBytes(StandardCharsets.ISO_8859_1), LIMIT);
    }

    @Test
    void compactIpv4AndIpv6PeersWithCountsAndOptionalKeys() {
        AnnounceResponse r = parse("d8:completei3e10:incompletei4e8:intervali1800e12:min intervali60e"
                + "5:peers12:\u007f\u0000\u0000\u0001\u001a\u00e1\n\u0000\u0000\u0002\u0000\u0050"   // 127.0.0.1:6881, 10.0.0.2:80
                + "6:peers618:\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u0004\u00d2"
                + "10:tracker id3:abc15:warning message4:slowe");
        assertThat(r.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r.minInterval()).contains(Duration.ofMinutes(1));
        assertThat(r.complete()).hasValue(3);
        assertThat(r.incomplete()).hasValue(4);
        assertThat(r.trackerId()).contains("abc");
        assertThat(r.warningMessage()).contains("slow");
        assertThat(r.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 6881),
                new InetSocketAddress("10.0.0.2", 80), new InetSocketAddress("::1", 1234));
    }

    @Test
    void dictionaryModelKeepsAddressesAndSkipsNamesAndPortZeroCompactEntries() {
        AnnounceResponse r = parse("d8:intervali60e5:peersl"
                + "d2:ip9:127.0.0.17:peer id20:-SB0001-1234567890124:porti6881ee"
                + "d2:ip3:::14:porti6882ee"
                + "d2:ip16:tracker.invalid.4:porti6883ee"
                + "d2:ip11:300.1.1.1.14:porti6884ee"
                + "ee");
        assertThat(r.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 6881),
                new InetSocketAddress("::1", 6882));
        assertThat(r.minInterval()).isEmpty();
        assertThat(r.complete()).isEmpty();
        assertThat(parse("d8:intervali60e5:peers6:\u0001\u0002\u0003\u0004\u0000\u0000e").peers()).isEmpty();
    }

    @Test
    void failureReasonIsARefusalCarryingTheTrackersText() {
        assertThatThrownBy(() -> parse("d14:failure reason17:torrent not founde"))
                .isInstanceOfSatisfying(AnnounceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AnnounceException.Kind.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("torrent not found");
                });
        assertThatThrownBy(() -> parse("d14:failure reason5:a\nb\u0007ce"))
                .hasMessage("a?b?c");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "truncated string|d8:intervali60e5:peers6:abc|exceeds remaining input",
        "truncated dictionary|d8:intervali60e5:peers0:|unexpected end of input",
        "trailing data|d8:intervali60e5:peers0:ee|trailing data",
        "not a dictionary|li1ee|expected a dictionary",
        "empty|\"\"|empty input",
        "missing interval|d5:peers0:e|missing key 'interval'",
        "interval a string|d8:interval2:605:peers0:e|key 'interval': expected integer",
        "negative interval|d8:intervali-1e5:peers0:e|'interval' is negative",
        "no peers|d8:intervali60ee|neither 'peers' nor 'peers6'",
        "compact not whole|d8:intervali60e5:peers5:abcdee|'peers' has 5 bytes, not a multiple of 6",
        "peers6 not whole|d8:intervali60e5:peers0:6:peers65:abcdee|'peers6' has 5 bytes, not a multiple of 18",
        "peers an integer|d8:intervali60e5:peersi1ee|expected a byte string or a list",
        "peer entry not a dict|d8:intervali60e5:peersli1eee|entry 0 is not a dictionary",
        "peer port out of range|d8:intervali60e5:peersld2:ip9:127.0.0.14:porti70000eeee|port 70000",
        "peer without ip|d8:intervali60e5:peersld4:porti1eeee|missing key 'ip'",
        "negative complete|d8:completei-1e8:intervali60e5:peers0:e|'complete' out of range",
        "unsorted keys|d8:intervali60e5:peers0:8:completei1ee|out of order",
        "leading zero|d8:intervali060e5:peers0:e|leading zero",
        "huge string length|d8:intervali60e5:peers99999999999:e|exceeds",
    })
    void malformedRepliesGiveOneErrorNamingTheFault(String name, String body, String expected) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(AnnounceException.class,
                        e -> assertThat(e.kind()).isEqualTo(AnnounceException.Kind.MALFORMED))
                .hasMessageStartingWith("malformed announce reply: ")
                .hasMessageContaining(expected);
    }

    @Test
    void deepNestingAndOversizedBodiesAreRefused() {
        String deep = "d8:intervali60e5:peers" + "l".repeat(100) + "e".repeat(100) + "e";
        assertThatThrownBy(() -> parse(deep)).hasMessageContaining("nesting depth");
        byte[] big = ("d8:intervali60e5:peers2000:" + "x".repeat(2000) + "e").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> BencodedAnnounceReply.parse(big, 1024)).hasMessageContaining("exceeds limit 1024");
    }

    @Test
    void hugeIntervalIsCutToADay() {
        assertThat(parse("d8:intervali99999999999e5:peers0:e").interval()).isEqualTo(Duration.ofDays(1));
        assertThat(parse("d8:intervali0e5:peers0:e").trackerId()).isEqualTo(Optional.empty());
    }
}
