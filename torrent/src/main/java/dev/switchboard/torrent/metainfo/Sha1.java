package dev.switchboard.torrent.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1, the hash of BitTorrent v1 piece hashes and info-hashes (BEP 3). */
final class Sha1 {
    /** Bytes in one SHA-1 digest. */
    static final int LENGTH = 20;

    private Sha1() {}

    /** Returns a fresh SHA-1 digest; every Java platform is required to provide one. */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-1", e);
        }
    }

    /** Returns the SHA-1 of {@code data}. */
    static byte[] hash(byte[] data) {
        return newDigest().digest(data);
    }
}
