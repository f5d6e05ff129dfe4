package dev.switchboard.torrent.wire;

/**
 * Bounds the {@link PeerMessageDecoder} enforces.
 *
 * @param maxMessageLength the largest length prefix accepted (the id byte and payload, not the 4-byte
 *     prefix itself); a larger prefix is refused as soon as its 4 bytes arrive, before any of its body is
 *     buffered
 * @param pieceCount the torrent's piece count when known, so a bitfield's length and spare bits are
 *     checked by the decoder; 0 when unknown
 */
public record PeerWireLimits(int maxMessageLength, int pieceCount) {
    /** The largest block we request or serve: 16 KiB, as every current client does. */
    public static final int MAX_BLOCK_LENGTH = 16 * 1024;
    /**
     * The default maximum length prefix: a piece message with a 16 KiB block, that is id (1) + index (4)
     * + begin (4) + block; 13 bytes of overhead with the length prefix.
     */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 + 4 + 4 + MAX_BLOCK_LENGTH;

    public PeerWireLimits {
        if (maxMessageLength < 13) {
            throw new IllegalArgumentException("maxMessageLength must allow a 13-byte request, got " + maxMessageLength);
        }
        if (pieceCount < 0) {
            throw new IllegalArgumentException("pieceCount must be >= 0, got " + pieceCount);
        }
    }

    /** The defaults for a torrent not known yet: 16 KiB blocks, bitfields unchecked. */
    public static PeerWireLimits defaults() {
        return new PeerWireLimits(DEFAULT_MAX_MESSAGE_LENGTH, 0);
    }

    /**
     * The defaults for a torrent of {@code pieceCount} pieces: 16 KiB blocks, and room for its whole
     * bitfield should that be longer (past 131,000 pieces).
     */
    public static PeerWireLimits forTorrent(int pieceCount) {
        int bitfield = 1 + PeerMessage.BitfieldMessage.byteLength(pieceCount);
        return new PeerWireLimits(Math.max(DEFAULT_MAX_MESSAGE_LENGTH, bitfield), pieceCount);
    }

    /** These limits with another maximum length prefix. */
    public PeerWireLimits withMaxMessageLength(int value) {
        return new PeerWireLimits(value, pieceCount);
    }
}
