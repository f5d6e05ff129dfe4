package dev.switchboard.torrent.peer;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading from a peer while our writes to it are above the channel's high water mark, and
 * resumes below the low one: a peer that requests faster than it reads cannot make us buffer without
 * bound. Stateless and shared.
 */
@Sharable
final class BackPressureHandler extends ChannelInboundHandlerAdapter {
    static final BackPressureHandler INSTANCE = new BackPressureHandler();
    private static final Logger LOG = LoggerFactory.getLogger(BackPressureHandler.class);

    private BackPressureHandler() {
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        LOG.debug("peer {}: {} reading (write buffer {} the high water mark)", ctx.channel().remoteAddress(),
                writable ? "resumed" : "paused", writable ? "below" : "above");
        ctx.fireChannelWritabilityChanged();
    }
}
