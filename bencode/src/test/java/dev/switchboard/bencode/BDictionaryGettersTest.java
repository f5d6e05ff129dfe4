package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Typed getters return entries, optional variants tolerate missing keys, and type errors name the key. */
class BDictionaryGettersTest {

    private final BDictionary dictionary = BDictionary.builder()
            .put("name", "grüße")
            .put("raw", new byte[] {(byte) 0xff, 0})
            .put("length", -7)
            .put("files", BList.of(BInteger.of(1)))
            .put("info", BDictionary.builder().put("x", 1).build())
            .build();

    @Test
    void requiredGettersReturnTheEntries() {
        assertThat(dictionary.getString("name")).isEqualTo("grüße");
        assertThat(dictionary.getByteString("raw").bytes()).containsExactly(0xff, 0);
        assertThat(dictionary.getLong("length")).isEqualTo(-7);
        assertThat(dictionary.getList("files")).isEqualTo(BList.of(BInteger.of(1)));
        assertThat(dictionary.getDictionary("info").getLong("x")).isEqualTo(1);
    }

    @Test
    void optionalGettersReturnPresentEntries() {
        assertThat(dictionary.optionalString("name")).contains("grüße");
        assertThat(dictionary.optionalByteString("raw")).contains(BString.of(new byte[] {(byte) 0xff, 0}));
        assertThat(dictionary.optionalLong("length")).hasValue(-7);
        assertThat(dictionary.optionalList("files")).contains(BList.of(BInteger.of(1)));
        assertThat(dictionary.optionalDictionary("info")).contains(BDictionary.builder().put("x", 1).build());
    }

    @Test
    void optionalGettersReturnEmptyForMissingKeys() {
        assertThat(dictionary.optionalString("missing")).isEmpty();
        assertThat(dictionary.optionalByteString("missing")).isEmpty();
        assertThat(dictionary.optionalLong("missing")).isEmpty();
        assertThat(dictionary.optionalList("missing")).isEmpty();
        assertThat(dictionary.optionalDictionary("missing")).isEmpty();
    }

    @Test
    void requiredGettersNameTheMissingKey() {
        assertThatThrownBy(() -> dictionary.getString("comment"))
                .isInstanceOf(BencodeException.class).hasMessage("missing key 'comment'");
        assertThatThrownBy(() -> dictionary.getLong("private"))
                .isInstanceOf(BencodeException.class).hasMessage("missing key 'private'");
    }

    @Test
    void requiredGettersNameTheKeyAndBothTypesOnMismatch() {
        assertThatThrownBy(() -> dictionary.getString("length"))
                .isInstanceOf(BencodeException.class).hasMessage("key 'length': expected byte string, found integer");
        assertThatThrownBy(() -> dictionary.getLong("name"))
                .isInstanceOf(BencodeException.class).hasMessage("key 'name': expected integer, found byte string");
        assertThatThrownBy(() -> dictionary.getList("info"))
                .isInstanceOf(BencodeException.class).hasMessage("key 'info': expected list, found dictionary");
        assertThatThrownBy(() -> dictionary.getDictionary("files"))
                .isInstanceOf(BencodeException.class).hasMessage("key 'files': expected dictionary, found list");
    }

    @Test
    void optionalGettersStillRejectTheWrongType() {
        assertThatThrownBy(() -> dictionary.optionalLong("name"))
                .isInstanceOf(BencodeException.class).hasMessage("key 'name': expected integer, found byte string");
        assertThatThrownBy(() -> dictionary.optionalDictionary("files"))
                .isInstanceOf(BencodeException.class).hasMessage("key 'files': expected dictionary, found list");
    }

    @Test
    void getterErrorsHaveNoByteOffset() {
        assertThatThrownBy(() -> dictionary.getList("name"))
                .isInstanceOfSatisfying(BencodeException.class, e -> assertThat(e.offset()).isEmpty());
    }

    @Test
    void genericLookupAndMembership() {
        assertThat(dictionary.get("length")).contains(BInteger.of(-7));
        assertThat(dictionary.get(BString.of("raw"))).isPresent();
        assertThat(dictionary.get("missing")).isEmpty();
        assertThat(dictionary.containsKey("info")).isTrue();
        assertThat(dictionary.containsKey("Info")).isFalse();
        assertThat(dictionary.size()).isEqualTo(5);
    }

    @Test
    void builderSortsKeysInRawByteOrderAndReplacesRepeatedKeys() {
        BDictionary built = BDictionary.builder()
                .put(BString.of(new byte[] {(byte) 0x80}), BInteger.of(1))
                .put("b", 2)
                .put("a", 3)
                .put("b", 4)
                .build();
        assertThat(built.entries().keySet())
                .containsExactly(BString.of("a"), BString.of("b"), BString.of(new byte[] {(byte) 0x80}));
        assertThat(built.getLong("b")).isEqualTo(4);
    }

    @Test
    void entriesAreUnmodifiable() {
        assertThatThrownBy(() -> dictionary.entries().put(BString.of("new"), BInteger.of(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderRejectsNulls() {
        assertThatThrownBy(() -> BDictionary.builder().put("a", (BValue) null))
                .isInstanceOf(NullPointerException.class);
    }
}
