package dev.switchboard.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A bencode byte string. Bencode strings are arbitrary bytes (torrent piece hashes, peer ids, compact
 * peer lists), so the content is kept as bytes; {@link #utf8()} is a convenience for the many strings
 * that are text.
 *
 * <p>Instances are immutable: the content is copied on the way in and out. {@link #equals} and {@link
 * #hashCode} use the content, and the natural order is the raw (unsigned, lexicographic) byte order
 * that bencode requires for dictionary keys.
 */
public final class BString implements BValue, Comparable<BString> {

    private static final int TO_STRING_MAX_BYTES = 64;

    private final byte[] bytes;

    private BString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns a byte string holding a copy of {@code bytes}. */
    public static BString of(byte[] bytes) {
        return new BString(bytes.clone());
    }

    /** Returns a byte string holding the UTF-8 encoding of {@code text}. */
    public static BString of(String text) {
        return new BString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps {@code bytes} without copying; the caller must never modify the array afterwards. */
    static BString wrap(byte[] bytes) {
        return new BString(bytes);
    }

    /** Returns the backing array without copying; callers in this package must not modify it. */
    byte[] array() {
        return bytes;
    }

    /** Returns a copy of the content. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.length;
    }

    /**
     * Returns the content decoded as UTF-8. Malformed sequences are replaced with U+FFFD, so use {@link
     * #bytes()} for binary content such as hashes.
     */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public BType type() {
        return BType.BYTE_STRING;
    }

    /** Compares in raw byte order: unsigned lexicographic, a proper prefix sorting first. */
    @Override
    public int compareTo(BString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * Returns the content as text when it is printable ASCII, otherwise as {@code 0x}-prefixed hex; long
     * content is cut after 64 bytes. Meant for messages and debugging, not for parsing.
     */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, TO_STRING_MAX_BYTES);
        boolean printable = true;
        for (int i = 0; i < shown && printable; i++) {
            printable = bytes[i] >= 0x20 && bytes[i] < 0x7f;
        }
        String head = printable
                ? new String(bytes, 0, shown, StandardCharsets.US_ASCII)
                : "0x" + HexFormat.of().formatHex(bytes, 0, shown);
        return shown == bytes.length ? head : head + "...(" + bytes.length + " bytes)";
    }
}
