package dev.switchboard.reqrep.codec;

import static dev.switchboard.reqrep.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreambleTest {
    private static boolean couldBeMagic(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            boolean result = Preamble.couldBeMagic(in);
            assertThat(in.readerIndex()).as("bytes consumed").isZero();
            return result;
        } finally {
            in.release();
        }
    }

    @Test
    void writesMagicThenVersion() {
        ByteBuf preamble = Preamble.write(ByteBufAllocator.DEFAULT);
        try {
            assertThat(ByteBufUtil.hexDump(preamble)).isEqualTo(
                    "00535742" // magic "\0SWB"
                    + "01"); // version 1
            assertThat(preamble.readableBytes()).isEqualTo(Preamble.LENGTH);
        } finally {
            preamble.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", // nothing yet
        "00", // first magic byte
        "0053", // "\0S"
        "005357", // "\0SW"
        "00535742", // the whole magic
        "0053574201", // magic + version 1
        "00535742ff", // magic + an unsupported version: still the magic
        "0053574201000000080200", // magic + version + the start of a frame
    })
    void prefixesOfTheMagicCouldBeIt(String bytes) {
        assertThat(couldBeMagic(hex(bytes))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "01", // wrong first byte
        "53", // magic without its leading zero
        "0054", // second byte off by one
        "005358", // third byte off by one
        "00535743", // fourth byte off by one
        "00535741", // fourth byte off by one, downwards
        "47455420", // "GET "
        "16030100", // TLS handshake
        "48656c6c6f", // "Hello"
        "ff535742", // first byte wrong, rest right
    })
    void anyMismatchWithinTheFirstFourBytesRulesItOut(String bytes) {
        assertThat(couldBeMagic(hex(bytes))).isFalse();
    }

    @Test
    void readsFromTheReaderIndex() {
        ByteBuf in = Unpooled.wrappedBuffer(hex(
                "ffff", // already read
                "005357")); // "\0SW"
        try {
            in.skipBytes(2);
            assertThat(Preamble.couldBeMagic(in)).isTrue();
            in.readerIndex(1); // now "ff 00 53 57"
            assertThat(Preamble.couldBeMagic(in)).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void constantsMatchTheWire() {
        assertThat(Preamble.MAGIC).isEqualTo(0x00535742);
        assertThat(Preamble.MAGIC_LENGTH).isEqualTo(4);
        assertThat(Preamble.LENGTH).isEqualTo(5);
        assertThat(Preamble.VERSION).isEqualTo((byte) 1);
    }
}
