package dev.switchboard.torrent.peer;

import static dev.switchboard.torrent.peer.ChannelHandlerNames.BACK_PRESSURE;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.FLUSH_CONSOLIDATION;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.HANDSHAKE;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.HANDSHAKE_DECODER;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.HANDSHAKE_ENCODER;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.IDLE_STATE;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.MESSAGE_ENCODER;

import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.wire.HandshakeDecoder;
import dev.switchboard.torrent.wire.HandshakeEncoder;
import dev.switchboard.torrent.wire.PeerMessageEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The whole peer wire pipeline, for connections we accept ({@link #accepting}) and make ({@link
 * #connecting}):
 *
 * <pre>
 * flush-consolidation   batches the flushes of one read's answers
 * handshake-decoder     68-byte handshake; then replaced by peer-message-decoder (sized for the torrent)
 * handshake-encoder
 * peer-message-encoder  Piece blocks written without a copy
 * idle-state            an event after tickInterval without reading or writing: timings are checked
 * back-pressure         stops reading while our writes to the peer are above the high water mark
 * peer-handshake        checks the handshake; then replaced by peer-connection (PeerConnection)
 * </pre>
 */
public final class PeerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final PeerId localPeerId;
    private final PeerConnectionConfig config;
    private final Clock clock;
    private final TorrentLookup lookup;
    private final ServedTorrent connectingTo;

    private PeerChannelInitializer(PeerId localPeerId, PeerConnectionConfig config, Clock clock,
            TorrentLookup lookup, ServedTorrent connectingTo) {
        this.localPeerId = Objects.requireNonNull(localPeerId, "localPeerId");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lookup = lookup;
        this.connectingTo = connectingTo;
    }

    /** For a listener: incoming handshakes are checked against {@code lookup}. */
    public static PeerChannelInitializer accepting(PeerId localPeerId, PeerConnectionConfig config, Clock clock,
            TorrentLookup lookup) {
        return new PeerChannelInitializer(localPeerId, config, clock, Objects.requireNonNull(lookup, "lookup"), null);
    }

    /** For outgoing connections on behalf of {@code torrent}: our handshake goes first. */
    public static PeerChannelInitializer connecting(PeerId localPeerId, PeerConnectionConfig config, Clock clock,
            ServedTorrent torrent) {
        return new PeerChannelInitializer(localPeerId, config, clock, null, Objects.requireNonNull(torrent, "torrent"));
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long tick = config.tickInterval().toMillis();
        ChannelPipeline p = ch.pipeline();
        p.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        p.addLast(HANDSHAKE_DECODER, new HandshakeDecoder());
        p.addLast(HANDSHAKE_ENCODER, HandshakeEncoder.INSTANCE);
        p.addLast(MESSAGE_ENCODER, PeerMessageEncoder.INSTANCE);
        p.addLast(IDLE_STATE, new IdleStateHandler(tick, tick, 0, TimeUnit.MILLISECONDS));
        p.addLast(BACK_PRESSURE, BackPressureHandler.INSTANCE);
        p.addLast(HANDSHAKE, new PeerHandshakeHandler(localPeerId, config, clock, lookup, connectingTo));
    }
}
