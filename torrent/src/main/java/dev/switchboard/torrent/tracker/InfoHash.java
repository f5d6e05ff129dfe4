package dev.switchboard.torrent.tracker;

import java.util.Arrays;
import java.util.HexFormat;

/** The 20-byte SHA-1 of a torrent's info dictionary, as a tracker sees it: raw bytes, compared by content. */
public final class InfoHash {
    public static final int LENGTH = 20;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** @throws IllegalArgumentException unless {@code bytes} has exactly 20 bytes */
    public static InfoHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash has 20 bytes, got " + bytes.length);
        }
        return new InfoHash(bytes.clone());
    }

    /** Parses 40 hex digits, either case. @throws IllegalArgumentException with the reason */
    public static InfoHash ofHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash is 40 hex digits, got " + hex.length() + " characters");
        }
        try {
            return new InfoHash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an info-hash is 40 hex digits, got '" + hex + "'");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
