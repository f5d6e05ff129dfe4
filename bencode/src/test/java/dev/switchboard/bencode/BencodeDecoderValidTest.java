package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonical input of every type decodes to the expected value. */
class BencodeDecoderValidTest {

    private final BencodeDecoder decoder = new BencodeDecoder();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "i0e, 0",
        "i42e, 42",
        "i-42e, -42",
        "i10e, 10",
        "i-1e, -1",
        "i9223372036854775807e, 9223372036854775807",
        "i-9223372036854775808e, -9223372036854775808",
    })
    void decodesIntegers(String input, long expected) {
        assertThat(decoder.decode(ascii(input))).isEqualTo(BInteger.of(expected));
    }

    @Test
    void decodesStrings() {
        assertThat(decoder.decode(ascii("4:spam"))).isEqualTo(BString.of("spam"));
        assertThat(decoder.decode(ascii("0:"))).isEqualTo(BString.of(""));
        assertThat(decoder.decode(ascii("10:0123456789"))).isEqualTo(BString.of("0123456789"));
        assertThat(decoder.decode(ascii("3:e:i"))).isEqualTo(BString.of("e:i"));
    }

    @Test
    void decodesBinaryStringsByteForByte() {
        byte[] input = {'4', ':', 0, (byte) 0xff, (byte) 0x80, 'e'};
        assertThat(((BString) decoder.decode(input)).bytes()).containsExactly(0, 0xff, 0x80, 'e');
    }

    @Test
    void decodesUtf8Strings() {
        byte[] text = "grüße".getBytes(StandardCharsets.UTF_8);
        byte[] input = concat(ascii(text.length + ":"), text);
        assertThat(((BString) decoder.decode(input)).utf8()).isEqualTo("grüße");
    }

    @Test
    void decodesLists() {
        assertThat(decoder.decode(ascii("le"))).isEqualTo(BList.empty());
        assertThat(decoder.decode(ascii("l4:spami42ee")))
                .isEqualTo(BList.of(BString.of("spam"), BInteger.of(42)));
        assertThat(decoder.decode(ascii("llelleee")))
                .isEqualTo(BList.of(BList.empty(), BList.of(BList.empty())));
    }

    @Test
    void decodesDictionaries() {
        assertThat(decoder.decode(ascii("de"))).isEqualTo(BDictionary.empty());
        BDictionary expected = BDictionary.builder().put("cow", "moo").put("spam", "eggs").build();
        assertThat(decoder.decode(ascii("d3:cow3:moo4:spam4:eggse"))).isEqualTo(expected);
    }

    @Test
    void decodesNestedContainers() {
        BValue value = decoder.decode(ascii("d4:listl1:ai1ed1:xi-7eee1:zdee"));
        BDictionary expected = BDictionary.builder()
                .put("list", BList.of(BString.of("a"), BInteger.of(1),
                        BDictionary.builder().put("x", -7).build()))
                .put("z", BDictionary.empty())
                .build();
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void ordersKeysByUnsignedBytesAndPrefixFirst() {
        // 'a' < 'ab' (prefix first) < 'b' < 0x80 (unsigned: 0x80 is greater than any ASCII byte).
        byte[] input = concat(ascii("d1:ai1e2:abi2e1:bi3e1:"), new byte[] {(byte) 0x80}, ascii("i4ee"));
        BDictionary dictionary = (BDictionary) decoder.decode(input);
        assertThat(dictionary.entries().keySet()).containsExactly(
                BString.of("a"), BString.of("ab"), BString.of("b"), BString.of(new byte[] {(byte) 0x80}));
    }

    @Test
    void decodeDictionaryReturnsTopLevelDictionary() {
        assertThat(decoder.decodeDictionary(ascii("d1:ai1ee")).getLong("a")).isEqualTo(1);
    }

    @Test
    void decodeDictionaryRejectsOtherTopLevelTypes() {
        assertThatThrownBy(() -> decoder.decodeDictionary(ascii("li1ee")))
                .isInstanceOf(BencodeException.class)
                .hasMessage("at byte 0: expected a dictionary at top level, found list");
    }

    @Test
    void decodedValuesDoNotChangeWhenTheInputArrayChanges() {
        byte[] input = ascii("l4:spame");
        BValue value = decoder.decode(input);
        input[3] = 'X';
        assertThat(value).isEqualTo(BList.of(BString.of("spam")));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }
}
