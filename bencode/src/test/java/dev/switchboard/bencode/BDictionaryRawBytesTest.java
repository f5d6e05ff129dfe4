package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Decoded dictionaries expose exactly the input bytes they came from; built ones expose none. */
class BDictionaryRawBytesTest {

    private static final String NESTED = "info";
    private static final String INNER = "d6:lengthi42e4:name5:a.txte";
    private static final String MIDDLE = "d5:inner" + INNER + "4:listld1:xi1eee4:zzzzi0ee";
    private static final String DOCUMENT = "d8:announce3:url4:" + NESTED + MIDDLE + "5:otheri-1ee";

    private final BencodeDecoder decoder = new BencodeDecoder();

    @Test
    void topLevelRawBytesAreTheWholeInput() {
        assertThat(decoder.decodeDictionary(ascii(DOCUMENT)).rawBytes()).isEqualTo(ascii(DOCUMENT));
    }

    @Test
    void nestedRawBytesAreTheExactSubstringOfTheInput() {
        BDictionary top = decoder.decodeDictionary(ascii(DOCUMENT));
        BDictionary middle = top.getDictionary(NESTED);
        BDictionary inner = middle.getDictionary("inner");

        assertThat(new String(middle.rawBytes(), StandardCharsets.US_ASCII)).isEqualTo(MIDDLE);
        assertThat(new String(inner.rawBytes(), StandardCharsets.US_ASCII)).isEqualTo(INNER);
    }

    @Test
    void dictionariesInsideListsKeepTheirRawBytes() {
        BDictionary middle = decoder.decodeDictionary(ascii(DOCUMENT)).getDictionary(NESTED);
        BDictionary inList = (BDictionary) middle.getList("list").get(0);
        assertThat(new String(inList.rawBytes(), StandardCharsets.US_ASCII)).isEqualTo("d1:xi1ee");
    }

    @Test
    void emptyDecodedDictionaryHasRawBytes() {
        BDictionary empty = (BDictionary) ((BList) decoder.decode(ascii("ldee"))).get(0);
        assertThat(empty.rawBytes()).isEqualTo(ascii("de"));
    }

    @Test
    void dictionaryBuiltInCodeHasNoRawBytes() {
        assertThat(BDictionary.builder().put("a", 1).build().rawBytes()).isNull();
        assertThat(BDictionary.empty().rawBytes()).isNull();
    }

    @Test
    void rawBytesAreUnaffectedByChangesToTheInputArray() {
        byte[] input = ascii(DOCUMENT);
        BDictionary middle = decoder.decodeDictionary(input).getDictionary(NESTED);
        input[DOCUMENT.indexOf(MIDDLE) + 1] = 'X';
        assertThat(middle.rawBytes()).isEqualTo(ascii(MIDDLE));
    }

    @Test
    void rawBytesReturnsAFreshCopyEachTime() {
        BDictionary middle = decoder.decodeDictionary(ascii(DOCUMENT)).getDictionary(NESTED);
        middle.rawBytes()[0] = 'X';
        assertThat(middle.rawBytes()).isEqualTo(ascii(MIDDLE));
    }

    @Test
    void equalityIgnoresWhereTheDictionaryCameFrom() {
        BDictionary decoded = decoder.decodeDictionary(ascii(INNER));
        BDictionary built = BDictionary.builder().put("name", "a.txt").put("length", 42).build();
        assertThat(decoded).isEqualTo(built).hasSameHashCodeAs(built);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
