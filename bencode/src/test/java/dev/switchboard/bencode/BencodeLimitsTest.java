package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decoder enforces every configured limit, accepts input exactly at a limit, and validates limits. */
class BencodeLimitsTest {

    @Test
    void defaultsAreAsDocumented() {
        assertThat(BencodeLimits.DEFAULTS).isEqualTo(new BencodeLimits(16 * 1024 * 1024, 16 * 1024 * 1024, 64, 1 << 20));
        assertThat(new BencodeDecoder().limits()).isSameAs(BencodeLimits.DEFAULTS);
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxDepth(3));
        assertThat(decoder.decode(ascii("llleee"))).isEqualTo(BList.of(BList.of(BList.empty())));
    }

    @Test
    void listNestingOverTheLimitIsRejected() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxDepth(3));
        assertRejected(decoder, "lllleeee", 3, "nesting depth exceeds limit 3");
    }

    @Test
    void dictionaryNestingOverTheLimitIsRejected() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxDepth(3));
        assertRejected(decoder, "d1:ad1:ad1:adeeee", 12, "nesting depth exceeds limit 3");
    }

    @Test
    void defaultDepthLimitIs64() {
        BencodeDecoder decoder = new BencodeDecoder();
        assertThat(decoder.decode(ascii(nestedLists(64)))).isNotNull();
        assertRejected(decoder, nestedLists(65), 64, "nesting depth exceeds limit 64");
    }

    @Test
    void maximumSupportedDepthDecodesAndEncodesWithoutStackOverflow() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxDepth(BencodeLimits.MAX_SUPPORTED_DEPTH));
        String input = nestedLists(BencodeLimits.MAX_SUPPORTED_DEPTH);
        assertThat(new BencodeEncoder().encode(decoder.decode(ascii(input)))).isEqualTo(ascii(input));
    }

    @Test
    void stringUpToTheLimitIsAccepted() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxStringLength(4));
        assertThat(decoder.decode(ascii("4:spam"))).isEqualTo(BString.of("spam"));
    }

    @Test
    void stringOverTheLimitIsRejected() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxStringLength(4));
        assertRejected(decoder, "l5:spamse", 1, "string length 5 exceeds limit 4");
    }

    @Test
    void dictionaryKeyOverTheStringLimitIsRejected() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxStringLength(4));
        assertRejected(decoder, "d5:abcdei1ee", 1, "string length 5 exceeds limit 4");
    }

    @Test
    void absurdStringLengthIsRejectedWithoutOverflowing() {
        assertRejected(new BencodeDecoder(), "1234567890123456789012345:x", 0,
                "string length 12345678901234567890... exceeds limit 16777216");
    }

    @Test
    void elementsUpToTheLimitAreAccepted() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxElements(2));
        assertThat(decoder.decode(ascii("li1ei2ee"))).isEqualTo(BList.of(BInteger.of(1), BInteger.of(2)));
        assertThat(decoder.decode(ascii("d1:ai1e1:bi2ee"))).isInstanceOf(BDictionary.class);
    }

    @Test
    void listWithTooManyElementsIsRejected() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxElements(2));
        assertRejected(decoder, "li1ei2ei3ee", 7, "list has more than 2 elements");
    }

    @Test
    void dictionaryWithTooManyEntriesIsRejected() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxElements(2));
        assertRejected(decoder, "d1:ai1e1:bi2e1:ci3ee", 13, "dictionary has more than 2 entries");
    }

    @Test
    void inputUpToTheLimitIsAccepted() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxInputLength(5));
        assertThat(decoder.decode(ascii("3:abc"))).isEqualTo(BString.of("abc"));
    }

    @Test
    void inputOverTheLimitIsRejected() {
        BencodeDecoder decoder = decoder(BencodeLimits.DEFAULTS.withMaxInputLength(5));
        assertRejected(decoder, "4:abcd", 5, "input length 6 exceeds limit 5");
    }

    @Test
    void limitsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> BencodeLimits.DEFAULTS.withMaxInputLength(0))
                .withMessage("maxInputLength must be positive, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> BencodeLimits.DEFAULTS.withMaxStringLength(-1))
                .withMessage("maxStringLength must be positive, got -1");
        assertThatIllegalArgumentException().isThrownBy(() -> BencodeLimits.DEFAULTS.withMaxDepth(0))
                .withMessage("maxDepth must be positive, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> BencodeLimits.DEFAULTS.withMaxElements(0))
                .withMessage("maxElements must be positive, got 0");
    }

    @Test
    void depthIsCappedAtTheSupportedMaximum() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BencodeLimits.DEFAULTS.withMaxDepth(BencodeLimits.MAX_SUPPORTED_DEPTH + 1))
                .withMessage("maxDepth must be at most 512, got 513");
    }

    private static BencodeDecoder decoder(BencodeLimits limits) {
        return new BencodeDecoder(limits);
    }

    private static String nestedLists(int depth) {
        return "l".repeat(depth) + "e".repeat(depth);
    }

    private static void assertRejected(BencodeDecoder decoder, String input, long offset, String detail) {
        BencodeException error = catchThrowableOfType(BencodeException.class, () -> decoder.decode(ascii(input)));
        assertThat(error).as("decoding %s must fail", input).isNotNull();
        assertThat(error).hasMessage("at byte " + offset + ": " + detail);
        assertThat(error.offset()).hasValue(offset);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
