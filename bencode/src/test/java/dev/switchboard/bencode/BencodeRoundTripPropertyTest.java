package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Arbitrary nested values survive encode then decode, and re-encoding gives identical bytes. */
class BencodeRoundTripPropertyTest {

    private static final int MAX_DEPTH = 4;

    private final BencodeEncoder encoder = new BencodeEncoder();
    private final BencodeDecoder decoder = new BencodeDecoder();

    @Property(tries = 500)
    void decodingTheEncodingGivesTheValueBack(@ForAll("values") BValue value) {
        assertThat(decoder.decode(encoder.encode(value))).isEqualTo(value);
    }

    @Property(tries = 500)
    void reEncodingADecodedValueGivesIdenticalBytes(@ForAll("values") BValue value) {
        byte[] encoded = encoder.encode(value);
        assertThat(encoder.encode(decoder.decode(encoded))).isEqualTo(encoded);
    }

    @Property(tries = 200)
    void decodedDictionariesKeepTheirCanonicalEncodingAsRawBytes(@ForAll("dictionaries") BDictionary value) {
        byte[] encoded = encoder.encode(value);
        assertThat(((BDictionary) decoder.decode(encoded)).rawBytes()).isEqualTo(encoded);
    }

    @Provide
    Arbitrary<BValue> values() {
        return value(MAX_DEPTH);
    }

    @Provide
    Arbitrary<BDictionary> dictionaries() {
        return dictionary(MAX_DEPTH - 1);
    }

    private static Arbitrary<BValue> value(int depth) {
        Arbitrary<BValue> leaf = Arbitraries.oneOf(strings(), integers());
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(1, list(depth - 1)),
                Tuple.of(1, dictionary(depth - 1)));
    }

    private static Arbitrary<BValue> strings() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(24).map(BString::of);
    }

    private static Arbitrary<BValue> integers() {
        return Arbitraries.longs().map(BInteger::of);
    }

    private static Arbitrary<BValue> list(int depth) {
        return Arbitraries.lazy(() -> value(depth)).list().ofMaxSize(5).map(BList::of);
    }

    private static Arbitrary<BDictionary> dictionary(int depth) {
        Arbitrary<BString> keys = Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(BString::of);
        return Arbitraries.maps(keys, Arbitraries.lazy(() -> value(depth))).ofMaxSize(5).map(entries -> {
            BDictionary.Builder builder = BDictionary.builder();
            for (Map.Entry<BString, BValue> entry : entries.entrySet()) {
                builder.put(entry.getKey(), entry.getValue());
            }
            return builder.build();
        });
    }
}
