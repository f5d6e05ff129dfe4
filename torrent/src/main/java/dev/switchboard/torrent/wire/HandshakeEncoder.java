package dev.switchboard.torrent.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes a {@link Handshake} as its 68 bytes. Stateless and shared. */
@Sharable
public final class HandshakeEncoder extends MessageToByteEncoder<Handshake> {
    public static final HandshakeEncoder INSTANCE = new HandshakeEncoder();

    private static final byte[] PROTOCOL = Handshake.PROTOCOL.getBytes(StandardCharsets.US_ASCII);

    private HandshakeEncoder() {
        super(Handshake.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Handshake msg, boolean preferDirect) {
        return ctx.alloc().ioBuffer(Handshake.LENGTH);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Handshake handshake, ByteBuf out) {
        write(handshake, out);
    }

    /** Writes the 68 bytes of {@code handshake} to {@code out}. */
    public static void write(Handshake handshake, ByteBuf out) {
        out.writeByte(PROTOCOL.length)                  // pstrlen = 19
                .writeBytes(PROTOCOL)                   // pstr
                .writeLong(handshake.reserved())        // 8 reserved bytes, big-endian
                .writeBytes(handshake.infoHash().bytes())
                .writeBytes(handshake.peerId().bytes());
    }
}
