package dev.switchboard.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The piece set and its BEP 3 wire form. */
class BitfieldTest {

    @Test
    void wireFormPutsPieceZeroInTheHighBit() {
        Bitfield bitfield = new Bitfield(10);
        bitfield.set(0);
        bitfield.set(7);
        bitfield.set(9);
        // byte 0: pieces 0..7 -> 1000 0001; byte 1: pieces 8, 9 then six spare bits -> 0100 0000
        assertThat(bitfield.toBytes()).containsExactly(0x81, 0x40);
        assertThat(Bitfield.fromBytes(new byte[] {(byte) 0x81, 0x40}, 10)).isEqualTo(bitfield);
    }

    @Test
    void countsAndCompleteness() {
        Bitfield bitfield = new Bitfield(3);
        assertThat(bitfield.isEmpty()).isTrue();
        assertThat(bitfield.isComplete()).isFalse();
        bitfield.set(1);
        assertThat(bitfield.cardinality()).isEqualTo(1);
        assertThat(bitfield.has(1)).isTrue();
        assertThat(bitfield.has(0)).isFalse();
        assertThat(bitfield.nextClearPiece(1)).isEqualTo(2);
        bitfield.set(0);
        bitfield.set(2);
        assertThat(bitfield.isComplete()).isTrue();
        assertThat(bitfield.nextClearPiece(0)).isEqualTo(-1);
        bitfield.clear(2);
        assertThat(bitfield.isComplete()).isFalse();
        assertThat(bitfield).hasToString("Bitfield[2/3]");
    }

    @Test
    void fullBitfieldRoundTripsForEveryPieceCount() {
        for (int count = 0; count <= 17; count++) {
            Bitfield full = Bitfield.full(count);
            assertThat(full.isComplete()).isTrue();
            byte[] wire = full.toBytes();
            assertThat(wire).hasSize((count + 7) / 8);
            assertThat(Bitfield.fromBytes(wire, count)).isEqualTo(full);
        }
    }

    @Test
    void copyIsIndependent() {
        Bitfield original = new Bitfield(8);
        Bitfield copy = original.copy();
        copy.set(3);
        assertThat(original.has(3)).isFalse();
        assertThat(copy.toBitSet().get(3)).isTrue();
    }

    @Test
    void tooShortRefused() {
        assertThatThrownBy(() -> Bitfield.fromBytes(new byte[1], 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bitfield of 1 bytes for 9 pieces; expected 2");
    }

    @Test
    void tooLongRefused() {
        assertThatThrownBy(() -> Bitfield.fromBytes(new byte[3], 9))
                .hasMessage("bitfield of 3 bytes for 9 pieces; expected 2");
    }

    @Test
    void emptyPayloadForNoPiecesOnly() {
        assertThat(Bitfield.fromBytes(new byte[0], 0).isComplete()).isTrue();
        assertThatThrownBy(() -> Bitfield.fromBytes(new byte[0], 1))
                .hasMessage("bitfield of 0 bytes for 1 pieces; expected 1");
    }

    @Test
    void spareBitSetRefused() {
        // 9 pieces: byte 1 holds piece 8 in its high bit; 0x20 is spare bit 10
        assertThatThrownBy(() -> Bitfield.fromBytes(new byte[] {0, (byte) 0xa0}, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bitfield has spare bit 10 set; only 9 pieces");
        assertThatThrownBy(() -> Bitfield.fromBytes(new byte[] {(byte) 0xff, (byte) 0xff}, 9))
                .hasMessage("bitfield has spare bit 9 set; only 9 pieces");
    }

    @Test
    void outOfRangeIndexRefused() {
        Bitfield bitfield = new Bitfield(4);
        assertThatThrownBy(() -> bitfield.set(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> bitfield.has(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Bitfield(-1)).hasMessage("negative piece count -1");
    }
}
