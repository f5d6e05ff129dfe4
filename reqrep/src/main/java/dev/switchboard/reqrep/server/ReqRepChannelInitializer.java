package dev.switchboard.reqrep.server;

import static dev.switchboard.reqrep.server.ChannelHandlerNames.CONNECTION_LIMITER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FLUSH_CONSOLIDATION;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FRAMED_HANDLER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FRAME_DECODER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FRAME_ENCODER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.PROTOCOL_DETECTOR;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.RAW_HANDLER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.UNDECIDED;

import dev.switchboard.reqrep.codec.FrameDecoder;
import dev.switchboard.reqrep.codec.BatchingFrameEncoder;
import dev.switchboard.transport.ConnectionLimiter;
import dev.switchboard.transport.IdleSweep;
import dev.switchboard.transport.ReadDeadline;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * The whole request/response pipeline. Every connection starts as
 * {@code connection-limiter -> protocol-detector -> undecided}; the detector then turns it into
 * one of the two shapes below, by the first bytes the client sends.
 *
 * <pre>
 * framed: flush-consolidation, frame-encoder, frame-decoder, framed-handler
 * raw:    raw-handler
 * </pre>
 *
 * The idle timeout is no handler: each connection has a {@link ReadDeadline} in the server's
 * {@link IdleSweep} (one sweep per event loop), which fires {@link IdleEvent} down the pipeline. Only
 * the framed and raw handlers mark it read, that is after the decoders, so only whole frames (or a
 * whole raw message) count as activity: a client that trickles bytes is closed like a silent one.
 */
final class ReqRepChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ReqRepServerConfig config;
    private final ConnectionLimiter limiter;
    private final Dispatcher dispatcher;
    private final ChannelGroup channels;
    private final IdleSweep idleSweep;

    ReqRepChannelInitializer(ReqRepServerConfig config, ConnectionLimiter limiter, Dispatcher dispatcher,
            ChannelGroup channels, IdleSweep idleSweep) {
        this.config = config;
        this.limiter = limiter;
        this.dispatcher = dispatcher;
        this.channels = channels;
        this.idleSweep = idleSweep;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        // runs on the channel's event loop, where its deadline lives and is called back
        ReadDeadline deadline = idleSweep.watch(ch.eventLoop(), config.idleTimeout(),
                () -> ch.pipeline().fireUserEventTriggered(IdleEvent.INSTANCE));
        ch.closeFuture().addListener(closed -> deadline.cancel());
        ChannelPipeline p = ch.pipeline();
        p.addLast(CONNECTION_LIMITER, limiter);
        p.addLast(PROTOCOL_DETECTOR, new ProtocolDetector(this, deadline));
        p.addLast(UNDECIDED, UndecidedHandler.INSTANCE);
    }

    /** Called by the detector once the client sent the framed protocol's preamble. */
    void switchToFramed(ChannelPipeline p, ReadDeadline deadline) {
        p.addFirst(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        p.addAfter(FLUSH_CONSOLIDATION, FRAME_ENCODER, new BatchingFrameEncoder());
        p.addAfter(PROTOCOL_DETECTOR, FRAME_DECODER, new FrameDecoder(config.maxFrameLength()));
        p.replace(UNDECIDED, FRAMED_HANDLER, new FramedServerHandler(config, dispatcher, deadline));
    }

    /** Called by the detector when the first bytes are anything else: a plain socket program. */
    void switchToRaw(ChannelPipeline p, ReadDeadline deadline) {
        p.replace(UNDECIDED, RAW_HANDLER, new RawHandler(config.rawRoute(), dispatcher, deadline));
    }
}
