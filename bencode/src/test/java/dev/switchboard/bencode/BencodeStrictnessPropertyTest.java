package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Arbitrary and corrupted input either fails with a {@link BencodeException} or is accepted, and
 * whatever is accepted is canonical: re-encoding it reproduces the input byte for byte.
 */
class BencodeStrictnessPropertyTest {

    private static final byte[] INTERESTING_BYTES = {'i', 'l', 'd', 'e', ':', '-', '+', '0', '1', '9', 'x', (byte) 0xff};

    private final BencodeEncoder encoder = new BencodeEncoder();
    private final BencodeDecoder decoder = new BencodeDecoder();

    @Property(tries = 2000)
    void randomBytesFailCleanlyOrAreCanonical(@ForAll("bencodeAlphabet") @Size(max = 40) byte[] input) {
        assertFailsCleanlyOrIsCanonical(input);
    }

    @Property(tries = 2000)
    void corruptedDocumentsFailCleanlyOrAreCanonical(@ForAll("corruptedDocuments") byte[] input) {
        assertFailsCleanlyOrIsCanonical(input);
    }

    @Provide
    Arbitrary<byte[]> bencodeAlphabet() {
        return Arbitraries.of(toObjects(INTERESTING_BYTES)).array(byte[].class);
    }

    @Provide
    Arbitrary<byte[]> corruptedDocuments() {
        byte[] document = encoder.encode(BDictionary.builder()
                .put("a", BList.of(BInteger.of(-10), BString.of("xyz"), BDictionary.builder().put("k", 0).build()))
                .put("b", 120)
                .put("c", "")
                .build());
        return Combinators.combine(
                        Arbitraries.integers().between(0, document.length - 1),
                        Arbitraries.of(toObjects(INTERESTING_BYTES)))
                .as((index, replacement) -> {
                    byte[] corrupted = document.clone();
                    corrupted[index] = replacement;
                    return corrupted;
                });
    }

    private void assertFailsCleanlyOrIsCanonical(byte[] input) {
        BValue[] decoded = new BValue[1];
        Throwable error = catchThrowable(() -> decoded[0] = decoder.decode(input));
        if (error != null) {
            assertThat(error).isInstanceOf(BencodeException.class);
            assertThat(((BencodeException) error).offset()).isPresent();
        } else {
            assertThat(encoder.encode(decoded[0])).isEqualTo(input);
        }
    }

    private static Byte[] toObjects(byte[] bytes) {
        Byte[] objects = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            objects[i] = bytes[i];
        }
        return objects;
    }
}
