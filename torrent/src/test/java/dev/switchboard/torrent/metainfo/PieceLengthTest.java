package dev.switchboard.torrent.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The automatic piece length table and the accepted range. */
class PieceLengthTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    @ParameterizedTest(name = "{0} bytes -> {1} KiB")
    @CsvSource({
        "1,             16",
        "16384,         16",
        "33554432,      16",    // 32 MiB: 2048 pieces of 16 KiB
        "33554433,      32",
        "67108864,      32",    // 64 MiB
        "67108865,      64",
        "134217728,     64",    // 128 MiB
        "268435456,     128",   // 256 MiB
        "536870912,     256",   // 512 MiB
        "700000000,     512",
        "1073741824,    512",   // 1 GiB
        "1073741825,    1024",
        "2147483648,    1024",  // 2 GiB
        "4294967296,    2048",  // 4 GiB
        "8589934592,    4096",  // 8 GiB
        "17179869184,   8192",  // 16 GiB
        "17179869185,   16384",
        "1099511627776, 16384", // 1 TiB: capped at 16 MiB
    })
    void autoTable(long totalSize, long expectedKib) {
        int length = PieceLength.auto(totalSize);
        assertThat(length).isEqualTo(expectedKib * KIB);
        assertThat(PieceLength.isValid(length)).isTrue();
        long pieces = PieceLength.pieceCount(totalSize, length);
        if (totalSize > 32 * MIB && totalSize <= 32 * GIB) {
            assertThat(pieces).isBetween(1025L, 2048L);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {16 * KIB, 32 * KIB, MIB, 16 * MIB, 256 * MIB})
    void powersOfTwoInRangeAreValid(long length) {
        assertThat(PieceLength.isValid(length)).isTrue();
        assertThat(PieceLength.requireValid(length)).isEqualTo((int) length);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -16 * KIB, 1, 8 * KIB, 16 * KIB + 1, 24 * KIB, 512 * MIB, 1L << 40})
    void othersAreNot(long length) {
        assertThat(PieceLength.isValid(length)).isFalse();
        assertThatThrownBy(() -> PieceLength.requireValid(length))
                .hasMessage("piece size must be a power of two from 16 KiB to 256 MiB, got " + length + " bytes");
    }
}
