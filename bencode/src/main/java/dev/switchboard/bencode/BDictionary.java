package dev.switchboard.bencode;

import java.util.Collections;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable bencode dictionary: byte-string keys in raw byte order (the order {@link BString}
 * compares in, which is also the canonical encoding order) mapped to values.
 *
 * <p><b>Raw bytes.</b> A dictionary produced by {@link BencodeDecoder} remembers the exact range of the
 * input it was decoded from, so {@link #rawBytes()} returns precisely the bytes a torrent's info hash is
 * computed over. A dictionary built in code has no such bytes and {@link #rawBytes()} returns {@code
 * null}; encode it with {@link BencodeEncoder} instead. Because the decoder accepts only canonical
 * bencoding, the raw bytes of a decoded dictionary are always identical to its canonical re-encoding.
 * {@link #equals} ignores the raw bytes and compares entries only.
 *
 * <p><b>Typed getters.</b> {@code getX(key)} returns the entry or throws {@link BencodeException} naming
 * the key when it is missing or has another type; {@code optionalX(key)} returns empty for a missing key
 * but still throws when the entry has another type. {@link #getString} and {@link #optionalString}
 * decode the bytes as UTF-8; use {@link #getByteString} for binary content.
 */
public final class BDictionary implements BValue {

    private static final BDictionary EMPTY = new BDictionary(new TreeMap<>(), null, 0, 0);

    private final SortedMap<BString, BValue> entries;
    private final byte[] rawSource;
    private final int rawOffset;
    private final int rawLength;

    private BDictionary(TreeMap<BString, BValue> entries, byte[] rawSource, int rawOffset, int rawLength) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.rawSource = rawSource;
        this.rawOffset = rawOffset;
        this.rawLength = rawLength;
    }

    /**
     * Returns a decoded dictionary backed by {@code entries} (not copied) whose encoding is {@code
     * source[offset, offset + length)}. The source array is shared, never modified, and kept alive.
     */
    static BDictionary decoded(TreeMap<BString, BValue> entries, byte[] source, int offset, int length) {
        return new BDictionary(entries, source, offset, length);
    }

    /** Returns a new builder for a dictionary built in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the empty dictionary (built in code, so without raw bytes). */
    public static BDictionary empty() {
        return EMPTY;
    }

    /** Returns all entries, unmodifiable, in raw byte order of the keys. */
    public SortedMap<BString, BValue> entries() {
        return entries;
    }

    /** Returns the number of entries. */
    public int size() {
        return entries.size();
    }

    /** Returns whether there is an entry for the UTF-8 encoding of {@code key}. */
    public boolean containsKey(String key) {
        return entries.containsKey(BString.of(key));
    }

    /** Returns the value for {@code key}, if any. */
    public Optional<BValue> get(BString key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Returns the value for the UTF-8 encoding of {@code key}, if any. */
    public Optional<BValue> get(String key) {
        return get(BString.of(key));
    }

    /**
     * Returns a copy of the exact bytes this dictionary was decoded from, or {@code null} when it was
     * built in code.
     */
    public byte[] rawBytes() {
        if (rawSource == null) {
            return null;
        }
        byte[] copy = new byte[rawLength];
        System.arraycopy(rawSource, rawOffset, copy, 0, rawLength);
        return copy;
    }

    /** Returns the byte string for {@code key} decoded as UTF-8. */
    public String getString(String key) {
        return getByteString(key).utf8();
    }

    /** Returns the byte string for {@code key}. */
    public BString getByteString(String key) {
        return required(key, BString.class, BType.BYTE_STRING);
    }

    /** Returns the integer for {@code key}. */
    public long getLong(String key) {
        return required(key, BInteger.class, BType.INTEGER).value();
    }

    /** Returns the list for {@code key}. */
    public BList getList(String key) {
        return required(key, BList.class, BType.LIST);
    }

    /** Returns the dictionary for {@code key}. */
    public BDictionary getDictionary(String key) {
        return required(key, BDictionary.class, BType.DICTIONARY);
    }

    /** Returns the byte string for {@code key} decoded as UTF-8, or empty when the key is missing. */
    public Optional<String> optionalString(String key) {
        return optionalByteString(key).map(BString::utf8);
    }

    /** Returns the byte string for {@code key}, or empty when the key is missing. */
    public Optional<BString> optionalByteString(String key) {
        return optional(key, BString.class, BType.BYTE_STRING);
    }

    /** Returns the integer for {@code key}, or empty when the key is missing. */
    public OptionalLong optionalLong(String key) {
        Optional<BInteger> value = optional(key, BInteger.class, BType.INTEGER);
        return value.isPresent() ? OptionalLong.of(value.get().value()) : OptionalLong.empty();
    }

    /** Returns the list for {@code key}, or empty when the key is missing. */
    public Optional<BList> optionalList(String key) {
        return optional(key, BList.class, BType.LIST);
    }

    /** Returns the dictionary for {@code key}, or empty when the key is missing. */
    public Optional<BDictionary> optionalDictionary(String key) {
        return optional(key, BDictionary.class, BType.DICTIONARY);
    }

    private <T extends BValue> T required(String key, Class<T> kind, BType expected) {
        return optional(key, kind, expected)
                .orElseThrow(() -> new BencodeException("missing key '" + key + "'"));
    }

    private <T extends BValue> Optional<T> optional(String key, Class<T> kind, BType expected) {
        BValue value = entries.get(BString.of(key));
        if (value == null) {
            return Optional.empty();
        }
        if (!kind.isInstance(value)) {
            throw new BencodeException("key '" + key + "': expected " + expected.displayName()
                    + ", found " + value.type().displayName());
        }
        return Optional.of(kind.cast(value));
    }

    @Override
    public BType type() {
        return BType.DICTIONARY;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BDictionary that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /**
     * Collects entries for a dictionary built in code. Keys may be added in any order; they are sorted
     * in raw byte order. Putting a key again replaces its earlier value.
     */
    public static final class Builder {
        private final TreeMap<BString, BValue> entries = new TreeMap<>();

        private Builder() {}

        /** Adds {@code value} under {@code key}. */
        public Builder put(BString key, BValue value) {
            if (key == null || value == null) {
                throw new NullPointerException("dictionary keys and values must not be null");
            }
            entries.put(key, value);
            return this;
        }

        /** Adds {@code value} under the UTF-8 encoding of {@code key}. */
        public Builder put(String key, BValue value) {
            return put(BString.of(key), value);
        }

        /** Adds the UTF-8 encoding of {@code value} under {@code key}. */
        public Builder put(String key, String value) {
            return put(key, BString.of(value));
        }

        /** Adds the bytes {@code value} (copied) under {@code key}. */
        public Builder put(String key, byte[] value) {
            return put(key, BString.of(value));
        }

        /** Adds the integer {@code value} under {@code key}. */
        public Builder put(String key, long value) {
            return put(key, BInteger.of(value));
        }

        /** Returns a dictionary of the entries added so far; the builder stays usable. */
        public BDictionary build() {
            return entries.isEmpty() ? EMPTY : new BDictionary(new TreeMap<>(entries), null, 0, 0);
        }
    }
}
