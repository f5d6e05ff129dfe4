package dev.switchboard.torrent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The 20-byte BitTorrent v1 info-hash: the SHA-1 of the exact bytes of a torrent's info dictionary
 * (BEP 3). It names the torrent to trackers and peers. Immutable; compares by content.
 */
public final class InfoHash {
    /** Bytes in an info-hash. */
    public static final int LENGTH = 20;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns the info-hash made of {@code bytes} (copied), which must be 20 bytes long. */
    public static InfoHash of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash has " + LENGTH + " bytes, got " + bytes.length);
        }
        return new InfoHash(bytes.clone());
    }

    /** Parses 40 hexadecimal digits, upper or lower case. */
    public static InfoHash fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash has " + 2 * LENGTH + " hex digits, got '" + hex + "'");
        }
        try {
            return new InfoHash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex info-hash: '" + hex + "'", e);
        }
    }

    /** Returns the info-hash of an info dictionary given as its exact bencoded bytes. */
    public static InfoHash ofInfoDictionary(byte[] infoDictionaryBytes) {
        try {
            return new InfoHash(MessageDigest.getInstance("SHA-1").digest(infoDictionaryBytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** Returns a copy of the 20 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the 40 lower-case hex digits, as clients show it and magnet links carry it. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /**
     * Returns the bytes percent-encoded for a tracker announce URL's {@code info_hash} parameter: RFC
     * 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) as themselves, every other byte as
     * {@code %XX} with upper-case hex.
     */
    public String urlEncoded() {
        return PercentEncoding.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Returns {@link #hex()}. */
    @Override
    public String toString() {
        return hex();
    }
}
