package dev.switchboard.reqrep.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the end of the pipeline until the protocol is known: closes a connection that sent
 * nothing decisive within the idle timeout. Replaced by the framed or raw handler. Shared.
 */
@Sharable
final class UndecidedHandler extends ChannelInboundHandlerAdapter {
    static final UndecidedHandler INSTANCE = new UndecidedHandler();
    private static final Logger LOG = LoggerFactory.getLogger(UndecidedHandler.class);

    private UndecidedHandler() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == IdleEvent.INSTANCE) {
            UnframedClose.idle(ctx, LOG, "connection");
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UnframedClose.failed(ctx, LOG, "connection", cause);
    }
}
