package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.wire.PeerWireException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.util.AttributeKey;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a peer connection with one log line naming the peer and the reason: INFO for a protocol
 * error or timeout, DEBUG for a connection the network ended, WARN with the stack trace for anything
 * else (a bug of ours). Later errors on a channel already being dropped are not logged again.
 */
final class PeerDisconnect {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDisconnect.class);
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.valueOf(PeerDisconnect.class, "dropped");

    private PeerDisconnect() {
    }

    static void drop(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (ctx.channel().attr(DROPPED).setIfAbsent(Boolean.TRUE) == null) {
            Object peer = ctx.channel().remoteAddress();
            if (reason instanceof PeerWireException e) {
                LOG.info("peer {} dropped: {}", peer, e.reason());
            } else if (reason instanceof IOException) {
                LOG.debug("peer {} connection lost: {}", peer, reason.getMessage());
            } else {
                LOG.warn("peer {} dropped after an unexpected error", peer, reason);
            }
        }
        ctx.close();
    }

    /** Whether the channel is being dropped: messages still in flight are ignored. */
    static boolean isDropped(ChannelHandlerContext ctx) {
        return ctx.channel().hasAttr(DROPPED) || !ctx.channel().isActive();
    }
}
