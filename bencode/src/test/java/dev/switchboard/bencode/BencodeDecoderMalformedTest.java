package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Named.named;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of non-canonical or broken input is rejected with a {@link BencodeException} naming the
 * exact byte offset. Inputs are written as ISO-8859-1 strings so that {@code \u0080} is the byte 0x80.
 */
class BencodeDecoderMalformedTest {

    private final BencodeDecoder decoder = new BencodeDecoder();

    static Stream<Arguments> malformedInputs() {
        return Stream.of(
                // integers
                reject("leading zero", "i03e", 0, "leading zero in integer"),
                reject("leading zero, negative", "i-03e", 0, "leading zero in integer"),
                reject("leading zero, nested", "li1ei00ee", 4, "leading zero in integer"),
                reject("negative zero", "i-0e", 0, "negative zero integer"),
                reject("empty integer", "ie", 0, "integer without digits"),
                reject("minus without digits", "i-e", 0, "integer without digits"),
                reject("plus sign", "i+5e", 1, "unexpected byte '+' in integer starting at byte 0"),
                reject("non-digit in integer", "i4x2e", 2, "unexpected byte 'x' in integer starting at byte 0"),
                reject("missing 'e' after integer", "i42", 3,
                        "unexpected end of input in integer starting at byte 0"),
                reject("missing 'e' after nested integer", "li42", 4,
                        "unexpected end of input in integer starting at byte 1"),
                reject("integer overflow", "i9223372036854775808e", 0, "integer out of signed 64-bit range"),
                reject("negative integer overflow", "i-9223372036854775809e", 0,
                        "integer out of signed 64-bit range"),
                reject("integer far out of range", "li1ei123456789012345678901234567890ee", 4,
                        "integer out of signed 64-bit range"),
                // strings
                reject("truncated string", "4:spa", 0, "string length 4 exceeds remaining input (3 bytes)"),
                reject("length past end", "l10:abce", 1, "string length 10 exceeds remaining input (4 bytes)"),
                reject("truncated length prefix", "4", 1,
                        "unexpected end of input in string length starting at byte 0"),
                reject("negative string length", "-3:abc", 0, "negative string length"),
                reject("negative string length, nested", "l-3:abce", 1, "negative string length"),
                reject("leading zero in length", "04:spam", 0, "leading zero in string length"),
                reject("leading zero in empty length", "00:", 0, "leading zero in string length"),
                reject("non-digit in length", "4x:spam", 1,
                        "unexpected byte 'x' in string length starting at byte 0"),
                // containers
                reject("missing 'e' after list", "l4:spam", 7, "unexpected end of input in list starting at byte 0"),
                reject("missing 'e' after dictionary", "d1:ai1e", 7,
                        "unexpected end of input in dictionary starting at byte 0"),
                reject("missing dictionary value", "d1:a", 4, "unexpected end of input in value"),
                reject("dictionary value is 'e'", "d1:ae", 4,
                        "unexpected byte 'e', expected 'i', 'l', 'd' or a string length"),
                // dictionary keys
                reject("unsorted keys", "d2:aa4:barr1:ci1e1:bi2ee", 17, "dictionary keys out of order: 'b' after 'c'"),
                reject("unsorted keys, unsigned order", "d1:\u0080i1e1:ai2ee", 7,
                        "dictionary keys out of order: 'a' after '0x80'"),
                reject("unsorted keys, prefix after longer", "d2:abi1e1:ai2ee", 8,
                        "dictionary keys out of order: 'a' after 'ab'"),
                reject("duplicate keys", "d1:ai1e1:ai2ee", 7, "duplicate dictionary key 'a'"),
                reject("integer key", "di1ei2ee", 1, "dictionary key must be a byte string, found integer"),
                reject("list key", "dle1:ae", 1, "dictionary key must be a byte string, found list"),
                reject("dictionary key", "d1:adedei1ee", 6, "dictionary key must be a byte string, found dictionary"),
                // document level
                reject("empty input", "", 0, "empty input"),
                reject("trailing value", "i1ei2e", 3, "trailing data after top-level value (3 bytes)"),
                reject("trailing byte after dictionary", "dex", 2, "trailing data after top-level value (1 bytes)"),
                reject("trailing 'e'", "lee", 2, "trailing data after top-level value (1 bytes)"),
                reject("unknown prefix byte", "x", 0, "unexpected byte 'x', expected 'i', 'l', 'd' or a string length"),
                reject("unknown prefix byte, nested", "l4:spamxe", 7,
                        "unexpected byte 'x', expected 'i', 'l', 'd' or a string length"),
                reject("unknown non-printable prefix byte", "\u00ff", 0,
                        "unexpected byte 0xff, expected 'i', 'l', 'd' or a string length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInputs")
    void rejectsWithOffsetInMessage(String input, long offset, String detail) {
        BencodeException error = catchThrowableOfType(BencodeException.class,
                () -> decoder.decode(input.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(error).as("decoding must fail").isNotNull();
        assertThat(error).hasMessage("at byte " + offset + ": " + detail);
        assertThat(error.offset()).hasValue(offset);
    }

    private static Arguments reject(String name, String input, long offset, String detail) {
        return Arguments.of(named(name, input), offset, detail);
    }
}
