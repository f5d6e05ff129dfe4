package dev.switchboard.reqrep.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The five bytes that open a framed connection in both directions: the magic {@code 00 53 57 42}
 * ("\0SWB", which no text protocol starts with) and the protocol version.
 */
public final class Preamble {
    public static final int MAGIC = 0x00535742;
    public static final int MAGIC_LENGTH = 4;
    public static final int LENGTH = 5;
    public static final byte VERSION = 1;

    private Preamble() {
    }

    public static ByteBuf write(ByteBufAllocator alloc) {
        return alloc.buffer(LENGTH).writeInt(MAGIC).writeByte(VERSION);
    }

    /** True when the readable bytes, as far as they go, agree with the magic. */
    public static boolean couldBeMagic(ByteBuf in) {
        int n = Math.min(MAGIC_LENGTH, in.readableBytes());
        for (int i = 0; i < n; i++) {
            byte expected = (byte) (MAGIC >>> (8 * (MAGIC_LENGTH - 1 - i)));
            if (in.getByte(in.readerIndex() + i) != expected) {
                return false;
            }
        }
        return true;
    }
}
