package dev.switchboard.torrent;

import java.util.BitSet;
import java.util.Objects;

/**
 * A fixed-size set of pieces: which pieces we or a peer have. Pieces are numbered from 0 to {@link
 * #pieceCount()} - 1; one bit each, so a 40,960-piece torrent takes 5 KiB.
 *
 * <p>The wire form ({@link #toBytes()}, {@link #fromBytes}) is the payload of the BEP 3 {@code bitfield}
 * message: piece 0 is the high bit of the first byte, and the spare bits of the last byte are zero.
 *
 * <p>Mutable and not thread-safe: one owner changes it; hand others a {@link #copy()}.
 */
public final class Bitfield {
    private final int pieceCount;
    private final BitSet bits;

    /** Creates an empty bitfield of {@code pieceCount} pieces. */
    public Bitfield(int pieceCount) {
        if (pieceCount < 0) {
            throw new IllegalArgumentException("negative piece count " + pieceCount);
        }
        this.pieceCount = pieceCount;
        this.bits = new BitSet(pieceCount);
    }

    /** Returns a bitfield of {@code pieceCount} pieces with every piece set (a seed's). */
    public static Bitfield full(int pieceCount) {
        Bitfield all = new Bitfield(pieceCount);
        all.bits.set(0, pieceCount);
        return all;
    }

    /**
     * Reads the BEP 3 wire form of a bitfield of {@code pieceCount} pieces. Refuses, with an {@link
     * IllegalArgumentException} saying why, a payload of the wrong length or with a spare bit set.
     */
    public static Bitfield fromBytes(byte[] bytes, int pieceCount) {
        Objects.requireNonNull(bytes, "bytes");
        Bitfield result = new Bitfield(pieceCount);
        int expected = byteLength(pieceCount);
        if (bytes.length != expected) {
            throw new IllegalArgumentException("bitfield of " + bytes.length + " bytes for " + pieceCount
                    + " pieces; expected " + expected);
        }
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            for (int bit = 0; b != 0 && bit < 8; bit++) {
                if ((b & (0x80 >>> bit)) != 0) {
                    int piece = i * 8 + bit;
                    if (piece >= pieceCount) {
                        throw new IllegalArgumentException("bitfield has spare bit " + piece + " set; only "
                                + pieceCount + " pieces");
                    }
                    result.bits.set(piece);
                }
            }
        }
        return result;
    }

    /** Returns the number of bytes of the wire form for {@code pieceCount} pieces. */
    public static int byteLength(int pieceCount) {
        return (pieceCount + 7) >>> 3;
    }

    /** Returns the BEP 3 wire form: {@link #byteLength} bytes, piece 0 in the high bit of byte 0. */
    public byte[] toBytes() {
        byte[] out = new byte[byteLength(pieceCount)];
        for (int piece = bits.nextSetBit(0); piece >= 0; piece = bits.nextSetBit(piece + 1)) {
            out[piece >>> 3] |= (byte) (0x80 >>> (piece & 7));
        }
        return out;
    }

    /** Returns the number of pieces, set or not. */
    public int pieceCount() {
        return pieceCount;
    }

    /** Returns the number of pieces set. */
    public int cardinality() {
        return bits.cardinality();
    }

    /** Returns whether every piece is set (true for a torrent of no pieces). */
    public boolean isComplete() {
        return bits.cardinality() == pieceCount;
    }

    /** Returns whether no piece is set. */
    public boolean isEmpty() {
        return bits.isEmpty();
    }

    /** Returns whether piece {@code index} is set. */
    public boolean has(int index) {
        return bits.get(Objects.checkIndex(index, pieceCount));
    }

    /** Sets piece {@code index}. */
    public void set(int index) {
        bits.set(Objects.checkIndex(index, pieceCount));
    }

    /** Clears piece {@code index}. */
    public void clear(int index) {
        bits.clear(Objects.checkIndex(index, pieceCount));
    }

    /** Returns the first set piece at or after {@code from}, or -1 if none. */
    public int nextSetPiece(int from) {
        return bits.nextSetBit(from);
    }

    /** Returns the first clear piece at or after {@code from}, or -1 if none below {@link #pieceCount()}. */
    public int nextClearPiece(int from) {
        int next = bits.nextClearBit(from);
        return next < pieceCount ? next : -1;
    }

    /** Returns a copy of the set pieces as a {@link BitSet}, for set algebra. */
    public BitSet toBitSet() {
        return (BitSet) bits.clone();
    }

    /** Returns an independent copy. */
    public Bitfield copy() {
        Bitfield copy = new Bitfield(pieceCount);
        copy.bits.or(bits);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bitfield that && pieceCount == that.pieceCount && bits.equals(that.bits);
    }

    @Override
    public int hashCode() {
        return 31 * pieceCount + bits.hashCode();
    }

    /** Returns e.g. {@code Bitfield[3/10]}: pieces set out of all. */
    @Override
    public String toString() {
        return "Bitfield[" + cardinality() + "/" + pieceCount + "]";
    }
}
