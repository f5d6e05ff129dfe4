package dev.switchboard.reqrep.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** {@link Frame}s to bytes. Stateless and shared. */
@Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
        int size = 4 + (int) Math.min(Integer.MAX_VALUE - 4, bodyLength(frame));
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        write(frame, out);
    }

    /** The value of the length field for {@code frame}: every byte after the field itself. */
    public static long bodyLength(Frame frame) {
        return FrameDecoder.HEADER_LENGTH + payloadLength(frame);
    }

    /**
     * Writes one whole frame, length field first. Pure. Text is encoded by {@link Utf8Text}, the same
     * encoding {@link #bodyLength} counts: Netty's {@code writeCharSequence} encodes a lone
     * surrogate followed by a non-ASCII char differently, which made the length field disagree
     * with the bytes written.
     */
    public static void write(Frame frame, ByteBuf out) {
        out.writeInt((int) bodyLength(frame));
        out.writeByte(frame.type());
        out.writeByte(0);
        out.writeInt(frame.id());
        if (frame instanceof Frame.Request r) {
            out.writeByte(Utf8Text.length(r.route()));
            Utf8Text.write(r.route(), out);
            out.writeBytes(r.body());
        } else if (frame instanceof Frame.Response r) {
            out.writeBytes(r.body());
        } else if (frame instanceof Frame.Error e) {
            out.writeShort(e.code());
            Utf8Text.write(e.message(), out);
        } else if (frame instanceof Frame.Ping p) {
            out.writeLong(p.payload());
        } else if (frame instanceof Frame.Pong p) {
            out.writeLong(p.payload());
        } else if (frame instanceof Frame.GoAway g) {
            out.writeShort(g.code());
            Utf8Text.write(g.message(), out);
        }
    }

    private static long payloadLength(Frame frame) {
        if (frame instanceof Frame.Request r) {
            return 1L + Utf8Text.length(r.route()) + r.body().length;
        } else if (frame instanceof Frame.Response r) {
            return r.body().length;
        } else if (frame instanceof Frame.Error e) {
            return 2L + Utf8Text.length(e.message());
        } else if (frame instanceof Frame.GoAway g) {
            return 2L + Utf8Text.length(g.message());
        }
        return 8; // ping and pong
    }
}
