package dev.switchboard.reqrep.codec;

import dev.switchboard.reqrep.ConnectionException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Expects the server's preamble as the first five bytes; then removes itself. Anything else means
 * the peer is not a Switchboard framed server (a plain socket server answers with text).
 */
public final class PreambleCheck extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!Preamble.couldBeMagic(in)) {
            String got = ByteBufUtil.hexDump(in, in.readerIndex(), Math.min(16, in.readableBytes()));
            in.skipBytes(in.readableBytes());
            throw new ConnectionException("the server did not answer with the framed protocol's preamble (got "
                    + got + "); it is not a Switchboard reqrep server, or it speaks the plain protocol (try --raw)");
        }
        if (in.readableBytes() < Preamble.LENGTH) {
            return;
        }
        in.skipBytes(Preamble.MAGIC_LENGTH);
        byte version = in.readByte();
        if (version != Preamble.VERSION) {
            in.skipBytes(in.readableBytes());
            throw new ConnectionException("the server speaks framed protocol version " + (version & 0xFF)
                    + "; this client speaks " + Preamble.VERSION);
        }
        ctx.fireUserEventTriggered(PreambleReceived.INSTANCE);
        ctx.pipeline().remove(this);
    }

    public enum PreambleReceived {
        INSTANCE
    }
}
