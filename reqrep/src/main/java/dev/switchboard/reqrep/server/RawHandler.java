package dev.switchboard.reqrep.server;

import dev.switchboard.reqrep.ByteLiterals;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.ReadDeadline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw mode, for plain socket programs such as the seed's client: whatever the client sent first is
 * one request to the raw route; the answer is written back and the connection closed, as the
 * seed's server does. One log line per request names the peer and the bytes. Per channel.
 */
final class RawHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RawHandler.class);
    private final String route;
    private final Dispatcher dispatcher;
    private final ReadDeadline deadline;
    private boolean answered;

    RawHandler(String route, Dispatcher dispatcher, ReadDeadline deadline) {
        this.route = route;
        this.dispatcher = dispatcher;
        this.deadline = deadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        deadline.touch();
        ByteBuf buf = (ByteBuf) msg;
        byte[] data;
        try {
            if (answered) {
                return;
            }
            data = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        answered = true;
        String peer = Addresses.format(ctx.channel().remoteAddress());
        LOG.info("raw request from {}: {}", peer, ByteLiterals.python(data, 200));
        dispatcher.dispatch(new RouteRequest(route, data, ctx.channel().remoteAddress()))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        LOG.warn("raw request from {}: route '{}' failed, closing without an answer: {}",
                                peer, route, ErrorFrames.unwrap(failure).toString());
                        ctx.close();
                    } else {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(response.body()))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == IdleEvent.INSTANCE && !answered) {
            UnframedClose.idle(ctx, LOG, "raw connection");
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UnframedClose.failed(ctx, LOG, "raw connection", cause);
    }
}
