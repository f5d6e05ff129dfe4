package dev.switchboard.reqrep.server;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.reqrep.codec.FrameEncoder;
import dev.switchboard.reqrep.codec.Preamble;
import dev.switchboard.transport.ReadDeadline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Port unification: looks at the first bytes of a connection. The framed protocol's preamble
 * ({@code 00 53 57 42} + version) makes it framed; anything else is a plain socket program (raw).
 * Removes itself once it has decided, handing on whatever else was already read, and the
 * connection's idle deadline to the handler it chose. Per channel.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
    private final ReqRepChannelInitializer initializer;
    private final ReadDeadline deadline;

    ProtocolDetector(ReqRepChannelInitializer initializer, ReadDeadline deadline) {
        this.initializer = initializer;
        this.deadline = deadline;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (!Preamble.couldBeMagic(in)) {
            initializer.switchToRaw(ctx.pipeline(), deadline);
            ctx.pipeline().remove(this);
            return;
        }
        if (in.readableBytes() < Preamble.LENGTH) {
            return; // a prefix of the magic: wait for more (the idle timeout bounds the wait)
        }
        in.skipBytes(Preamble.MAGIC_LENGTH);
        byte version = in.readByte();
        ctx.write(Preamble.write(ctx.alloc()));
        if (version != Preamble.VERSION) {
            ByteBuf error = ctx.alloc().buffer();
            FrameEncoder.write(new Frame.Error(0, ErrorCode.UNSUPPORTED_VERSION.value(),
                    "protocol version " + (version & 0xFF) + " is not supported; this server speaks version "
                            + Preamble.VERSION), error);
            in.skipBytes(in.readableBytes());
            ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.flush();
        initializer.switchToFramed(ctx.pipeline(), deadline);
        ctx.pipeline().remove(this);
    }
}
