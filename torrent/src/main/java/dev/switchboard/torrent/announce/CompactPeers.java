package dev.switchboard.torrent.announce;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact peer format: 4 address bytes then a 2-byte port for IPv4 (BEP 23, and BEP 15 over IPv4),
 * 16 then 2 for IPv6 (BEP 7 {@code peers6}, and BEP 15 over IPv6), big-endian, back to back. Entries
 * with port 0 cannot be connected to and are skipped.
 */
final class CompactPeers {
    static final int IPV4_ENTRY = 6;
    static final int IPV6_ENTRY = 18;

    private CompactPeers() {
    }

    /**
     * Decodes {@code length} bytes of {@code data} from {@code offset}, entries of {@code entrySize}
     * ({@link #IPV4_ENTRY} or {@link #IPV6_ENTRY}) bytes.
     *
     * @throws WrongLength when {@code length} is not a whole number of entries
     */
    static List<InetSocketAddress> decode(byte[] data, int offset, int length, int entrySize, String what) {
        if (length % entrySize != 0) {
            throw new WrongLength(what + " has " + length + " bytes, not a multiple of " + entrySize);
        }
        int addressSize = entrySize - 2;
        List<InetSocketAddress> peers = new ArrayList<>(length / entrySize);
        for (int at = offset; at < offset + length; at += entrySize) {
            byte[] address = new byte[addressSize];
            System.arraycopy(data, at, address, 0, addressSize);
            int port = (data[at + addressSize] & 0xff) << 8 | (data[at + addressSize + 1] & 0xff);
            if (port != 0) {
                peers.add(new InetSocketAddress(address(address), port));
            }
        }
        return peers;
    }

    static List<InetSocketAddress> decode(byte[] data, int entrySize, String what) {
        return decode(data, 0, data.length, entrySize, what);
    }

    /** Compact peers that are not a whole number of entries; the caller says in which reply. */
    static final class WrongLength extends RuntimeException {
        WrongLength(String message) {
            super(message, null, false, false);
        }
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // 4 or 16 bytes: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
