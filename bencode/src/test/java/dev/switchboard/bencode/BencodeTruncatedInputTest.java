package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every proper prefix of a valid document exercising all types and nesting must fail with a {@link
 * BencodeException} pointing inside the prefix; never another exception, never a hang.
 */
class BencodeTruncatedInputTest {

    private final BencodeDecoder decoder = new BencodeDecoder();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyProperPrefixFailsCleanly() {
        byte[] document = new BencodeEncoder().encode(complexDocument());
        assertThat(decoder.decode(document)).isEqualTo(complexDocument());

        for (int length = 0; length < document.length; length++) {
            byte[] prefix = Arrays.copyOf(document, length);
            Throwable error = catchThrowable(() -> decoder.decode(prefix));

            assertThat(error).as("prefix of length %d", length).isInstanceOf(BencodeException.class);
            assertThat(((BencodeException) error).offset()).as("offset for prefix of length %d", length)
                    .isPresent();
            assertThat(((BencodeException) error).offset().getAsLong()).as("offset for prefix of length %d", length)
                    .isBetween(0L, (long) length);
        }
    }

    @Test
    void truncationInsideNestedContainersReportsTheEndOfInput() {
        Throwable error = catchThrowable(() -> decoder.decode("d4:infod4:listli1e".getBytes(StandardCharsets.US_ASCII)));
        assertThat(error).isInstanceOf(BencodeException.class)
                .hasMessage("at byte 18: unexpected end of input in list starting at byte 14");
    }

    private static BDictionary complexDocument() {
        byte[] binary = new byte[40];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37);
        }
        return BDictionary.builder()
                .put("announce", "http://tracker.example/announce")
                .put("comment", "ünïcödé")
                .put("creation date", 1_700_000_000L)
                .put("min", Long.MIN_VALUE)
                .put("empty", BList.of(BList.empty(), BDictionary.empty(), BString.of("")))
                .put("info", BDictionary.builder()
                        .put("files", BList.of(
                                BDictionary.builder().put("length", 10).put("path", BList.of(BString.of("a"))).build(),
                                BDictionary.builder().put("length", 0).put("path", BList.of(BString.of("b"))).build()))
                        .put("name", "dir")
                        .put("piece length", 16384)
                        .put("pieces", binary)
                        .build())
                .put("negative", -12345)
                .build();
    }
}
