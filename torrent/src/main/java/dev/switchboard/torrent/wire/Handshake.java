package dev.switchboard.torrent.wire;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import java.util.Objects;

/**
 * The 68-byte BitTorrent handshake (BEP 3): {@code <19>"BitTorrent protocol"<8 reserved><info_hash
 * 20><peer_id 20>}. The eight reserved bytes are held as one big-endian {@code long}, so reserved byte
 * 7 is the least significant byte; the named bits are {@link #FAST_EXTENSION} (BEP 6, {@code
 * reserved[7] & 0x04}), {@link #EXTENSION_PROTOCOL} (BEP 10, {@code reserved[5] & 0x10}) and {@link
 * #DHT} (BEP 5, {@code reserved[7] & 0x01}, which we never set since we run no DHT). Unknown reserved
 * bits from a remote peer are kept as received.
 */
public record Handshake(long reserved, InfoHash infoHash, PeerId peerId) {
    /** The protocol string; its length (19) is the handshake's first byte. */
    public static final String PROTOCOL = "BitTorrent protocol";
    /** Bytes in a handshake: 1 + 19 + 8 + 20 + 20. */
    public static final int LENGTH = 68;
    /** BEP 6 fast extension: {@code reserved[7] |= 0x04}. */
    public static final long FAST_EXTENSION = 0x04L;
    /** BEP 10 extension protocol: {@code reserved[5] |= 0x10}, bit 20 counted from the right. */
    public static final long EXTENSION_PROTOCOL = 0x10L << 16;
    /** BEP 5 DHT: {@code reserved[7] |= 0x01}. */
    public static final long DHT = 0x01L;

    public Handshake {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
    }

    /** Our own handshake, with the extension bits we support set as asked and the DHT bit off. */
    public static Handshake of(InfoHash infoHash, PeerId peerId, boolean fastExtension, boolean extensionProtocol) {
        long reserved = (fastExtension ? FAST_EXTENSION : 0) | (extensionProtocol ? EXTENSION_PROTOCOL : 0);
        return new Handshake(reserved, infoHash, peerId);
    }

    public boolean supportsFastExtension() {
        return (reserved & FAST_EXTENSION) != 0;
    }

    public boolean supportsExtensionProtocol() {
        return (reserved & EXTENSION_PROTOCOL) != 0;
    }

    public boolean supportsDht() {
        return (reserved & DHT) != 0;
    }

    @Override
    public String toString() {
        return "Handshake[info_hash=" + infoHash + ", peer_id=" + peerId
                + ", reserved=" + String.format("%016x", reserved) + "]";
    }
}
