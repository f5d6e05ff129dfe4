package dev.switchboard.torrent.wire;

import dev.switchboard.torrent.InfoHash;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical BEP 6 allowed fast set: the pieces a peer at a given IPv4 address may request from us
 * while choked. Two peers computing it for the same address and torrent get the same pieces, and a set
 * of k+1 is the set of k plus one more.
 */
public final class AllowedFastSet {
    private AllowedFastSet() {
    }

    /**
     * Returns up to {@code k} distinct piece indices, in the order the algorithm yields them, for the
     * peer at {@code peer} (the address at the other end of the connection). {@code k} is capped at the
     * piece count, so the loop always ends. BEP 6 has no provision for IPv6: an IPv6 peer gets an empty
     * set.
     */
    public static List<Integer> generate(InetAddress peer, InfoHash infoHash, int pieceCount, int k) {
        if (pieceCount <= 0) {
            throw new IllegalArgumentException("pieceCount must be positive, got " + pieceCount);
        }
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        List<Integer> set = new ArrayList<>();
        if (!(peer instanceof Inet4Address)) {
            return set;
        }
        int wanted = Math.min(k, pieceCount);
        byte[] x = new byte[4 + InfoHash.LENGTH];
        byte[] ip = peer.getAddress();
        System.arraycopy(ip, 0, x, 0, 3);                // x = 0xFFFFFF00 & ip
        System.arraycopy(infoHash.bytes(), 0, x, 4, InfoHash.LENGTH); // x.append(infohash)
        MessageDigest sha1 = sha1();
        while (set.size() < wanted) {
            x = sha1.digest(x);
            for (int i = 0; i < 5 && set.size() < wanted; i++) {
                int j = i * 4;
                long y = ((x[j] & 0xffL) << 24) | ((x[j + 1] & 0xff) << 16) | ((x[j + 2] & 0xff) << 8) | (x[j + 3] & 0xff);
                int index = (int) (y % pieceCount);
                if (!set.contains(index)) {
                    set.add(index);
                }
            }
        }
        return set;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
