package dev.switchboard.torrent.peer;

import static dev.switchboard.torrent.peer.ChannelHandlerNames.HANDSHAKE_DECODER;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.MESSAGE_DECODER;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.PEER_CONNECTION;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.wire.Handshake;
import dev.switchboard.torrent.wire.PeerMessageDecoder;
import dev.switchboard.torrent.wire.PeerWireException;
import dev.switchboard.torrent.wire.PeerWireLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The handshake phase of one connection. Connecting, it sends our handshake at once and expects the
 * same info-hash back; accepting, it looks the remote's info-hash up among the torrents we serve (an
 * unknown one is dropped without an answer) and then answers. A peer that is ourselves (same peer id)
 * is dropped. Once both handshakes are through it creates the {@link PeerConnection}, hands it to the
 * {@link ServedTorrent}, puts a {@link PeerConnectionHandler} in its own place and a {@link
 * PeerMessageDecoder} sized for the torrent in place of the handshake decoder, which passes on the bytes
 * that followed the handshake. Per channel (stateful).
 */
final class PeerHandshakeHandler extends ChannelInboundHandlerAdapter {
    private final PeerId localPeerId;
    private final PeerConnectionConfig config;
    private final Clock clock;
    private final TorrentLookup lookup;
    private final ServedTorrent connectingTo;
    private Instant started;
    private Handshake ours;

    /** @param connectingTo the torrent we connect for, or null when accepting */
    PeerHandshakeHandler(PeerId localPeerId, PeerConnectionConfig config, Clock clock, TorrentLookup lookup,
            ServedTorrent connectingTo) {
        this.localPeerId = localPeerId;
        this.config = config;
        this.clock = clock;
        this.lookup = lookup;
        this.connectingTo = connectingTo;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        started = clock.instant();
        if (connectingTo != null) {
            ours = handshake(connectingTo.infoHash());
            ctx.writeAndFlush(ours, ctx.voidPromise());
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Handshake theirs)) {
            ReferenceCountUtil.release(msg); // bytes discarded by a refused handshake's decoder: none expected
            return;
        }
        if (PeerDisconnect.isDropped(ctx)) {
            return;
        }
        ServedTorrent torrent = connectingTo != null
                ? (connectingTo.infoHash().equals(theirs.infoHash()) ? connectingTo : null)
                : lookup.find(theirs.infoHash()).orElse(null);
        if (torrent == null) {
            PeerDisconnect.drop(ctx, PeerWireException.violation(connectingTo != null
                    ? "answered for info-hash " + theirs.infoHash() + ", we asked for " + connectingTo.infoHash()
                    : "handshake for info-hash " + theirs.infoHash() + ", which we do not serve"));
            return;
        }
        if (theirs.peerId().equals(localPeerId)) {
            PeerDisconnect.drop(ctx, PeerWireException.violation("connected to ourselves (same peer id)"));
            return;
        }
        if (ours == null) {
            ours = handshake(torrent.infoHash());
            ctx.writeAndFlush(ours, ctx.voidPromise());
        }
        established(ctx, torrent, theirs);
    }

    private void established(ChannelHandlerContext ctx, ServedTorrent torrent, Handshake theirs) {
        Channel channel = ctx.channel();
        PeerConnection connection = PeerConnection.afterHandshake(ours, theirs, torrent.geometry(), config, clock,
                message -> channel.writeAndFlush(message, channel.voidPromise()));
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.replace(this, PEER_CONNECTION, new PeerConnectionHandler(connection));
        connection.attach(torrent.onConnected(connection, theirs, channel));
        pipeline.replace(HANDSHAKE_DECODER, MESSAGE_DECODER,
                new PeerMessageDecoder(PeerWireLimits.forTorrent(torrent.geometry().pieceCount())));
    }

    private Handshake handshake(InfoHash infoHash) {
        return Handshake.of(infoHash, localPeerId, config.fastExtension(), config.extensionProtocol());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && started != null) {
            Duration waited = Duration.between(started, clock.instant());
            if (waited.compareTo(config.handshakeTimeout()) >= 0) {
                PeerDisconnect.drop(ctx, new PeerWireException(PeerWireException.Kind.TIMEOUT,
                        "no handshake within " + config.handshakeTimeout().toSeconds() + " s"));
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PeerDisconnect.drop(ctx, cause);
    }
}
