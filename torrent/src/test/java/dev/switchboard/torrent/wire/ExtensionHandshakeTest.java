package dev.switchboard.torrent.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The BEP 10 handshake dictionary through the project's bencode module. */
class ExtensionHandshakeTest {
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesEveryKeyInCanonicalOrder() throws Exception {
        ExtensionHandshake h = new ExtensionHandshake(Map.of("ut_metadata", 2, "ut_pex", 1), OptionalInt.of(6881),
                Optional.of("Switchboard 0.1"), OptionalInt.of(250), OptionalLong.of(31235),
                Optional.of(InetAddress.getByName("1.2.3.4")));
        assertThat(new String(h.encode(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "d1:md11:ut_metadatai2e6:ut_pexi1ee13:metadata_sizei31235e1:pi6881e4:reqqi250e"
                        + "1:v15:Switchboard 0.16:yourip4:\u0001\u0002\u0003\u0004e");
        assertThat(ExtensionHandshake.decode(h.encode())).isEqualTo(h);
    }

    @Test
    void decodesTheBep10Example() {
        ExtensionHandshake h = ExtensionHandshake.decode(
                ascii("d1:md11:LT_metadatai1e6:ut_pexi2ee1:pi6881e1:v13:\u00c2\u00b5Torrent 1.2e"));
        assertThat(h.messages()).containsExactly(Map.entry("LT_metadata", 1), Map.entry("ut_pex", 2));
        assertThat(h.listenPort()).hasValue(6881);
        assertThat(h.client()).hasValue("\u00b5Torrent 1.2");
        assertThat(h.requestQueueLength()).isEmpty();
        assertThat(h.yourIp()).isEmpty();
    }

    @Test
    void emptyDictionaryIsValid() {
        assertThat(ExtensionHandshake.decode(ascii("de"))).isEqualTo(ExtensionHandshake.of(Map.of()));
    }

    @Test
    void wrongTypesAndRangesAreIgnoredNotFatal() {
        ExtensionHandshake h = ExtensionHandshake.decode(ascii(
                "d1:md1:ai300e1:b3:xyz1:ci0ee"         // ids 300 and "xyz" dropped, 0 (disabled) kept
                        + "1:pi0e4:reqq2:no1:vi5e6:yourip3:abce")); // port 0, reqq a string, v an int, 3-byte ip
        assertThat(h.messages()).containsExactly(Map.entry("c", 0));
        assertThat(h.listenPort()).isEmpty();
        assertThat(h.requestQueueLength()).isEmpty();
        assertThat(h.client()).isEmpty();
        assertThat(h.yourIp()).isEmpty();
    }

    @Test
    void ipv6YourIp() throws Exception {
        byte[] payload = WireBytes.concat(ascii("d6:yourip16:"), InetAddress.getByName("2001:db8::7").getAddress(), ascii("e"));
        assertThat(ExtensionHandshake.decode(payload).yourIp()).hasValue(InetAddress.getByName("2001:db8::7"));
    }

    @Test
    void notADictionaryIsMalformed() {
        assertThatThrownBy(() -> ExtensionHandshake.decode(ascii("li1ee")))
                .isInstanceOf(PeerWireException.class).hasMessageContaining("not a bencoded dictionary");
        assertThatThrownBy(() -> ExtensionHandshake.decode(ascii("d1:m")))
                .isInstanceOf(PeerWireException.class);
        assertThatThrownBy(() -> ExtensionHandshake.decode(new byte[0]))
                .isInstanceOf(PeerWireException.class);
    }

    @Test
    void hostileNestingIsBounded() {
        assertThatThrownBy(() -> ExtensionHandshake.decode(ascii("d1:m" + "l".repeat(100) + "e".repeat(100) + "e")))
                .isInstanceOf(PeerWireException.class).hasMessageContaining("depth");
    }

    @Test
    void toMessageUsesExtendedIdZero() {
        PeerMessage.Extended m = ExtensionHandshake.of(Map.of("ut_pex", 1)).toMessage();
        assertThat(m.extendedId()).isZero();
        assertThat(new String(m.payload(), StandardCharsets.US_ASCII)).isEqualTo("d1:md6:ut_pexi1eee");
    }

    @Test
    void idsOutsideOneByteAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> ExtensionHandshake.of(Map.of("x", 256))).hasMessageContaining("outside 0..255");
    }
}
