package dev.switchboard.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The info-hash value: SHA-1 of the info dictionary, hex and URL-encoded forms. */
class InfoHashTest {
    private static final String HEX = "00ff7e2d2e5f41617a7e30393a2f20c3a9ab1234";

    @Test
    void hexRoundTrip() {
        InfoHash hash = InfoHash.fromHex(HEX.toUpperCase());
        assertThat(hash.hex()).isEqualTo(HEX);
        assertThat(hash.toString()).isEqualTo(HEX);
        assertThat(hash).isEqualTo(InfoHash.of(HexFormat.of().parseHex(HEX))).hasSameHashCodeAs(InfoHash.fromHex(HEX));
    }

    @Test
    void urlEncodingKeepsOnlyUnreservedCharacters() {
        // 00 ff ~ - . _ A a z ~ 0 9 : / space c3 a9 ab 12 34
        assertThat(InfoHash.fromHex(HEX).urlEncoded())
                .isEqualTo("%00%FF~-._Aaz~09%3A%2F%20%C3%A9%AB%124");
    }

    @Test
    void sha1OfTheInfoDictionary() {
        // SHA-1("abc"), the FIPS 180 test vector
        assertThat(InfoHash.ofInfoDictionary("abc".getBytes(StandardCharsets.US_ASCII)).hex())
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void bytesAreCopied() {
        byte[] bytes = new byte[20];
        InfoHash hash = InfoHash.of(bytes);
        bytes[0] = 1;
        hash.bytes()[1] = 1;
        assertThat(hash.bytes()).isEqualTo(new byte[20]);
    }

    @Test
    void wrongLengthsRefused() {
        assertThatThrownBy(() -> InfoHash.of(new byte[19])).hasMessage("an info-hash has 20 bytes, got 19");
        assertThatThrownBy(() -> InfoHash.fromHex("abc")).hasMessage("an info-hash has 40 hex digits, got 'abc'");
        assertThatThrownBy(() -> InfoHash.fromHex("g".repeat(40))).hasMessageStartingWith("not a hex info-hash");
    }
}
