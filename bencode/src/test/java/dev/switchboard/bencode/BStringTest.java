package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Byte strings compare by content, order by unsigned bytes, and are immune to outside mutation. */
class BStringTest {

    @Test
    void equalityAndHashCodeUseTheContent() {
        BString a = BString.of(new byte[] {1, 2, 3});
        BString b = BString.of(new byte[] {1, 2, 3});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(BString.of(new byte[] {1, 2, 4}));
        assertThat(BString.of("spam")).isEqualTo(BString.of("spam".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void utf8RoundTripsText() {
        BString text = BString.of("日本語 ✓");
        assertThat(text.utf8()).isEqualTo("日本語 ✓");
        assertThat(text.length()).isEqualTo("日本語 ✓".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void utf8ReplacesMalformedSequences() {
        assertThat(BString.of(new byte[] {'a', (byte) 0xff}).utf8()).isEqualTo("a\uFFFD");
    }

    @Test
    void contentIsCopiedOnTheWayInAndOut() {
        byte[] source = {1, 2};
        BString string = BString.of(source);
        source[0] = 9;
        string.bytes()[1] = 9;
        assertThat(string.bytes()).containsExactly(1, 2);
    }

    @Test
    void ordersByUnsignedBytesWithPrefixesFirst() {
        assertThat(BString.of("a")).isLessThan(BString.of("ab"));
        assertThat(BString.of("ab")).isLessThan(BString.of("b"));
        assertThat(BString.of("z")).isLessThan(BString.of(new byte[] {(byte) 0x80}));
        assertThat(BString.of("")).isLessThan(BString.of(new byte[] {0}));
        assertThat(BString.of("a")).isEqualByComparingTo(BString.of("a"));
    }

    @Test
    void toStringShowsPrintableTextOrHex() {
        assertThat(BString.of("announce")).hasToString("announce");
        assertThat(BString.of(new byte[] {0x00, (byte) 0xab})).hasToString("0x00ab");
        assertThat(BString.of("x".repeat(70))).hasToString("x".repeat(64) + "...(70 bytes)");
    }

    @Test
    void typeIsByteString() {
        assertThat(BString.of("").type()).isEqualTo(BType.BYTE_STRING);
    }
}
