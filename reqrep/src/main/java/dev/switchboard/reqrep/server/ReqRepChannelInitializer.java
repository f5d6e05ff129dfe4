package dev.switchboard.reqrep.server;

import static dev.switchboard.reqrep.server.ChannelHandlerNames.CONNECTION_LIMITER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FLUSH_CONSOLIDATION;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FRAMED_HANDLER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FRAME_DECODER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.FRAME_ENCODER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.IDLE_STATE;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.PROTOCOL_DETECTOR;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.RAW_HANDLER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.UNDECIDED;

import dev.switchboard.reqrep.codec.FrameDecoder;
import dev.switchboard.reqrep.codec.BatchingFrameEncoder;
import dev.switchboard.transport.ConnectionLimiter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The whole request/response pipeline. Every connection starts as
 * {@code connection-limiter -> protocol-detector -> idle-state -> undecided}; the detector then turns it into
 * one of the two shapes below, by the first bytes the client sends.
 *
 * <pre>
 * framed: flush-consolidation, frame-encoder, frame-decoder, idle-state, framed-handler
 * raw:    idle-state, raw-handler
 * </pre>
 *
 * The idle-state handler sits after the decoders, so only whole frames (or a whole raw message)
 * count as activity: a client that trickles bytes is closed like a silent one.
 */
final class ReqRepChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ReqRepServerConfig config;
    private final ConnectionLimiter limiter;
    private final Dispatcher dispatcher;
    private final ChannelGroup channels;

    ReqRepChannelInitializer(ReqRepServerConfig config, ConnectionLimiter limiter, Dispatcher dispatcher,
            ChannelGroup channels) {
        this.config = config;
        this.limiter = limiter;
        this.dispatcher = dispatcher;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(CONNECTION_LIMITER, limiter);
        p.addLast(PROTOCOL_DETECTOR, new ProtocolDetector(this));
        p.addLast(IDLE_STATE, new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(UNDECIDED, UndecidedHandler.INSTANCE);
    }

    /** Called by the detector once the client sent the framed protocol's preamble. */
    void switchToFramed(ChannelPipeline p) {
        p.addFirst(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        p.addAfter(FLUSH_CONSOLIDATION, FRAME_ENCODER, new BatchingFrameEncoder());
        p.addAfter(PROTOCOL_DETECTOR, FRAME_DECODER, new FrameDecoder(config.maxFrameLength()));
        p.replace(UNDECIDED, FRAMED_HANDLER, new FramedServerHandler(config, dispatcher));
    }

    /** Called by the detector when the first bytes are anything else: a plain socket program. */
    void switchToRaw(ChannelPipeline p) {
        p.replace(UNDECIDED, RAW_HANDLER, new RawHandler(config.rawRoute(), dispatcher));
    }
}
