package dev.switchboard.torrent.strategy;

/**
 * A block to request from a peer, as in the BEP 3 {@code request} message: {@code length} bytes at
 * {@code offset} in piece {@code piece}. Blocks are {@value PiecePicker#BLOCK_SIZE} bytes, the last block
 * of the last piece possibly shorter.
 */
public record BlockRequest(int piece, int offset, int length) {
    /** Checks that the numbers are not negative and the length positive. */
    public BlockRequest {
        if (piece < 0 || offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad block: piece " + piece + ", offset " + offset + ", length " + length);
        }
    }
}
