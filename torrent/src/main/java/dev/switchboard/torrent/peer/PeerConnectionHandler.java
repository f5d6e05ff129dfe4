package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.wire.PeerMessage;
import dev.switchboard.torrent.wire.PeerWireException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Feeds decoded messages to the channel's {@link PeerConnection} and drops the peer on the first
 * violation. It owns every message it reads: a {@link PeerMessage.Piece} is released here after
 * {@link PeerConnection#receive} returns (listeners retain the block to keep it). Idle events from the
 * {@code idle-state} handler drive {@link PeerConnection#tick}. Per channel (stateful).
 */
final class PeerConnectionHandler extends ChannelInboundHandlerAdapter {
    private final PeerConnection connection;

    PeerConnectionHandler(PeerConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!PeerDisconnect.isDropped(ctx)) {
                connection.receive((PeerMessage) msg);
            }
        } catch (PeerWireException e) {
            PeerDisconnect.drop(ctx, e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && !PeerDisconnect.isDropped(ctx)) {
            try {
                connection.tick();
            } catch (PeerWireException e) {
                PeerDisconnect.drop(ctx, e);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.disconnected();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PeerDisconnect.drop(ctx, cause);
    }
}
