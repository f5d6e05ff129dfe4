package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The encoder writes canonical bencoding for every type. */
class BencodeEncoderTest {

    private final BencodeEncoder encoder = new BencodeEncoder();

    @Test
    void encodesIntegersInShortestForm() {
        assertThat(encoded(BInteger.of(0))).isEqualTo("i0e");
        assertThat(encoded(BInteger.of(42))).isEqualTo("i42e");
        assertThat(encoded(BInteger.of(-42))).isEqualTo("i-42e");
        assertThat(encoded(BInteger.of(Long.MIN_VALUE))).isEqualTo("i-9223372036854775808e");
    }

    @Test
    void encodesStringsWithLengthPrefix() {
        assertThat(encoded(BString.of("spam"))).isEqualTo("4:spam");
        assertThat(encoded(BString.of(""))).isEqualTo("0:");
        assertThat(encoded(BString.of("x".repeat(12)))).isEqualTo("12:" + "x".repeat(12));
    }

    @Test
    void encodesMultiByteCharactersByByteLength() {
        assertThat(encoder.encode(BString.of("é"))).containsExactly('2', ':', 0xc3, 0xa9);
    }

    @Test
    void encodesLists() {
        assertThat(encoded(BList.empty())).isEqualTo("le");
        assertThat(encoded(BList.of(BString.of("spam"), BInteger.of(42), BList.empty()))).isEqualTo("l4:spami42elee");
    }

    @Test
    void encodesDictionariesWithKeysSortedInRawByteOrder() {
        BDictionary dictionary = BDictionary.builder()
                .put("zebra", 1)
                .put("ab", 2)
                .put("a", 3)
                .put(BString.of(new byte[] {(byte) 0xc3}), BInteger.of(4))
                .build();
        assertThat(encoder.encode(dictionary)).isEqualTo(
                "d1:ai3e2:abi2e5:zebrai1e1:\u00c3i4ee".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void encodesNestedDictionaries() {
        BDictionary dictionary = BDictionary.builder()
                .put("spam", BList.of(BString.of("a"), BString.of("b")))
                .put("cow", BDictionary.builder().put("moo", "yes").build())
                .build();
        assertThat(encoded(dictionary)).isEqualTo("d3:cowd3:moo3:yese4:spaml1:a1:bee");
    }

    @Test
    void writesToAStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('>');
        encoder.encode(BList.of(BInteger.of(1)), out);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(">li1ee");
    }

    private String encoded(BValue value) {
        return new String(encoder.encode(value), StandardCharsets.ISO_8859_1);
    }
}
