package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.wire.PeerWireLimits;

/**
 * How a torrent's bytes are cut into pieces: what every index, begin and length on the wire is checked
 * against. All pieces are {@code pieceLength} long except the last, which holds the rest.
 */
public record PieceGeometry(int pieceCount, int pieceLength, long totalLength) {
    public PieceGeometry {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("pieceLength must be positive, got " + pieceLength);
        }
        if (pieceCount <= 0 || totalLength <= (long) (pieceCount - 1) * pieceLength
                || totalLength > (long) pieceCount * pieceLength) {
            throw new IllegalArgumentException("" + pieceCount + " pieces of " + pieceLength
                    + " bytes cannot hold " + totalLength + " bytes");
        }
    }

    public static PieceGeometry of(Metainfo metainfo) {
        return new PieceGeometry(metainfo.pieceCount(), metainfo.pieceLength(), metainfo.totalSize());
    }

    /** Bytes in piece {@code index}. */
    public int pieceSize(int index) {
        if (!isPiece(index)) {
            throw new IndexOutOfBoundsException("piece " + index + " of " + pieceCount);
        }
        return index < pieceCount - 1 ? pieceLength : (int) (totalLength - (long) (pieceCount - 1) * pieceLength);
    }

    public boolean isPiece(int index) {
        return index >= 0 && index < pieceCount;
    }

    /**
     * Why {@code (index, begin, length)} is not a block a peer may ask for, or null when it is: inside
     * one piece, non-empty and at most {@link PeerWireLimits#MAX_BLOCK_LENGTH} bytes.
     */
    public String blockProblem(int index, int begin, int length) {
        if (!isPiece(index)) {
            return "piece index " + Integer.toUnsignedString(index) + " out of range (" + pieceCount + " pieces)";
        }
        if (length <= 0 || length > PeerWireLimits.MAX_BLOCK_LENGTH) {
            return "block length " + Integer.toUnsignedString(length) + " outside 1.." + PeerWireLimits.MAX_BLOCK_LENGTH;
        }
        if (begin < 0 || (long) begin + length > pieceSize(index)) {
            return "block " + Integer.toUnsignedString(begin) + "+" + length + " beyond piece " + index
                    + " of " + pieceSize(index) + " bytes";
        }
        return null;
    }
}
