package dev.switchboard.torrent.metainfo;

/**
 * Which piece lengths Switchboard reads and writes, and the one it picks by itself.
 *
 * <p><b>Accepted:</b> powers of two from {@value #MIN} (16 KiB, the block size peers request, and the
 * BEP 52 minimum) to {@value #MAX} (256 MiB, the largest mktorrent, qBittorrent and libtorrent offer).
 *
 * <p><b>Automatic:</b> the smallest accepted length that cuts the content into at most {@value
 * #AUTO_TARGET_PIECES} pieces, capped at {@value #AUTO_MAX} (16 MiB), so a torrent has between 1,025 and
 * 2,048 pieces unless it is smaller than 32 MiB (fewer 16 KiB pieces) or larger than 32 GiB (16 MiB
 * pieces, more of them). Like libtorrent, mktorrent and Transmission, this keeps the piece list of the
 * .torrent small (at most 40 KiB of hashes up to 32 GiB) while pieces stay small enough to share early:
 *
 * <pre>
 *   total size          piece length   pieces
 *   up to   32 MiB        16 KiB       1 - 2048
 *   up to   64 MiB        32 KiB    1025 - 2048
 *   up to  128 MiB        64 KiB    1025 - 2048
 *   up to  256 MiB       128 KiB    1025 - 2048
 *   up to  512 MiB       256 KiB    1025 - 2048
 *   up to    1 GiB       512 KiB    1025 - 2048
 *   up to    2 GiB         1 MiB    1025 - 2048
 *   up to    4 GiB         2 MiB    1025 - 2048
 *   up to    8 GiB         4 MiB    1025 - 2048
 *   up to   16 GiB         8 MiB    1025 - 2048
 *   more                  16 MiB    1025 and up
 * </pre>
 */
public final class PieceLength {
    /** The smallest piece length accepted: 16 KiB. */
    public static final int MIN = 16 * 1024;
    /** The largest piece length accepted: 256 MiB. */
    public static final int MAX = 256 * 1024 * 1024;
    /** The largest piece length picked automatically: 16 MiB. */
    public static final int AUTO_MAX = 16 * 1024 * 1024;
    /** The most pieces the automatic choice aims for. */
    public static final int AUTO_TARGET_PIECES = 2048;

    private PieceLength() {}

    /** Returns whether {@code length} is a power of two between {@link #MIN} and {@link #MAX}. */
    public static boolean isValid(long length) {
        return length >= MIN && length <= MAX && Long.bitCount(length) == 1;
    }

    /** Returns {@code length} if {@link #isValid valid}, else throws naming the rule. */
    public static int requireValid(long length) {
        if (!isValid(length)) {
            throw new IllegalArgumentException("piece size must be a power of two from 16 KiB to 256 MiB, got "
                    + length + " bytes");
        }
        return (int) length;
    }

    /** Returns the piece length picked for {@code totalSize} bytes of content; see the table above. */
    public static int auto(long totalSize) {
        if (totalSize < 0) {
            throw new IllegalArgumentException("negative total size " + totalSize);
        }
        int length = MIN;
        while (length < AUTO_MAX && pieceCount(totalSize, length) > AUTO_TARGET_PIECES) {
            length <<= 1;
        }
        return length;
    }

    /** Returns how many pieces of {@code pieceLength} bytes {@code totalSize} bytes make. */
    public static long pieceCount(long totalSize, int pieceLength) {
        return totalSize / pieceLength + (totalSize % pieceLength == 0 ? 0 : 1);
    }
}
