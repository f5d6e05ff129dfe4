package dev.switchboard.reqrep.server;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.reqrep.codec.FrameEncoder;
import dev.switchboard.reqrep.codec.FrameException;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.ReadDeadline;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One framed connection on the server: dispatches requests, answers them in whatever order they
 * complete, answers ping, refuses new work while draining, and applies back-pressure. Every field
 * is touched only on the channel's event loop. Per channel.
 */
final class FramedServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FramedServerHandler.class);
    private static final RateLimitedLog PROTOCOL_ERRORS = new RateLimitedLog(LOG, Duration.ofSeconds(1));

    private final ReqRepServerConfig config;
    private final Dispatcher dispatcher;
    /** Marked at every frame read: the connection's idle timeout (the server's idle sweep). */
    private final ReadDeadline deadline;
    /** Request id to the route and the time it arrived. */
    private final IntObjectMap<InFlight> inFlight = new IntObjectHashMap<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timeoutSweep;
    private boolean draining;
    private boolean readPaused;

    private record InFlight(String route, long startNanos) {
    }

    FramedServerHandler(ReqRepServerConfig config, Dispatcher dispatcher, ReadDeadline deadline) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.deadline = deadline;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        long period = Math.max(10, Math.min(1000, config.handlerTimeout().toMillis() / 4));
        timeoutSweep = ctx.executor().scheduleAtFixedRate(this::sweepTimeouts, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timeoutSweep.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        timeoutSweep.cancel(false);
        inFlight.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        deadline.touch();
        if (msg instanceof Frame.Request request) {
            onRequest(request);
        } else if (msg instanceof Frame.Ping ping) {
            ctx.writeAndFlush(new Frame.Pong(ping.payload()));
        } else if (!(msg instanceof Frame.Pong)) {
            Frame frame = (Frame) msg;
            protocolError(new FrameException(ErrorCode.PROTOCOL_ERROR, frame.id(),
                    "a client may not send " + frame.getClass().getSimpleName() + " frames"));
        }
    }

    private void onRequest(Frame.Request request) {
        int id = request.id();
        if (draining) {
            ctx.writeAndFlush(new Frame.Error(id, ErrorCode.SHUTTING_DOWN.value(),
                    "server is shutting down; request refused, send it to another server or retry later"));
            return;
        }
        if (inFlight.containsKey(id)) {
            protocolError(new FrameException(ErrorCode.PROTOCOL_ERROR, id,
                    "request id " + id + " is already in flight on this connection"));
            return;
        }
        CompletionStage<RouteResponse> stage = dispatcher.dispatch(
                new RouteRequest(request.route(), request.body(), ctx.channel().remoteAddress()));
        if (stage instanceof CompletableFuture<RouteResponse> done && done.isDone()) {
            // answered synchronously (echo, hello, cached answers): no in-flight bookkeeping at all
            RouteResponse response = null;
            Throwable failure = null;
            try {
                response = done.getNow(null);
            } catch (CompletionException | CancellationException e) {
                failure = e;
            }
            ctx.write(answer(id, request.route(), response, failure), ctx.voidPromise());
            return;
        }
        inFlight.put(id, new InFlight(request.route(), System.nanoTime()));
        if (inFlight.size() >= config.maxInflightPerConnection()) {
            pauseReading();
        }
        stage.whenComplete((response, failure) -> {
            if (ctx.executor().inEventLoop()) {
                finish(id, response, failure);
            } else {
                ctx.executor().execute(() -> finish(id, response, failure));
            }
        });
    }

    private void finish(int id, RouteResponse response, Throwable failure) {
        InFlight request = inFlight.remove(id);
        if (request == null) {
            return; // answered TIMEOUT already, or the connection is gone
        }
        ctx.writeAndFlush(answer(id, request.route(), response, failure), ctx.voidPromise());
        afterAnswer();
    }

    private Frame answer(int id, String route, RouteResponse response, Throwable failure) {
        if (failure != null) {
            return ErrorFrames.of(id, route, failure);
        }
        Frame answer = new Frame.Response(id, response.body());
        long length = FrameEncoder.bodyLength(answer);
        if (length > config.maxFrameLength()) {
            return new Frame.Error(id, ErrorCode.FRAME_TOO_LARGE.value(), "response of " + length
                    + " bytes exceeds the maximum frame of " + config.maxFrameLength() + " bytes");
        }
        return answer;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush(); // answers written synchronously during this read go out in one flush
        super.channelReadComplete(ctx);
    }

    private void afterAnswer() {
        if (draining && inFlight.isEmpty()) {
            ctx.close();
            return;
        }
        maybeResumeReading();
    }

    private void sweepTimeouts() {
        if (inFlight.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long limit = config.handlerTimeout().toNanos();
        List<Integer> expired = new ArrayList<>();
        for (IntObjectMap.PrimitiveEntry<InFlight> entry : inFlight.entries()) {
            if (now - entry.value().startNanos() >= limit) {
                expired.add(entry.key());
            }
        }
        for (int id : expired) {
            InFlight request = inFlight.remove(id);
            LOG.warn("route '{}' did not answer request {} from {} within {}", request.route(), id,
                    Addresses.format(ctx.channel().remoteAddress()), config.handlerTimeout());
            ctx.writeAndFlush(new Frame.Error(id, ErrorCode.TIMEOUT.value(), "route '" + request.route()
                    + "' did not answer within " + config.handlerTimeout().toMillis() + " ms"), ctx.voidPromise());
        }
        afterAnswer();
    }

    private void pauseReading() {
        if (!readPaused) {
            readPaused = true;
            ctx.channel().config().setAutoRead(false);
            LOG.debug("{}: {} requests in flight, pausing reads", ctx.channel().remoteAddress(), inFlight.size());
        }
    }

    private void maybeResumeReading() {
        if (readPaused && ctx.channel().isWritable()
                && inFlight.size() <= config.maxInflightPerConnection() / 2) {
            readPaused = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            pauseReading(); // the client does not read its answers: stop taking its requests
        } else {
            maybeResumeReading();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == IdleEvent.INSTANCE) {
            if (inFlight.isEmpty()) {
                LOG.info("closing framed connection from {}: no request within {} s",
                        Addresses.format(ctx.channel().remoteAddress()), config.idleTimeout().toSeconds());
                ctx.close();
            }
            return;
        }
        if (evt == DrainEvent.INSTANCE) {
            draining = true;
            ctx.writeAndFlush(new Frame.GoAway(ErrorCode.SHUTTING_DOWN.value(),
                    "server is shutting down: requests already sent will be answered, new ones refused"));
            if (inFlight.isEmpty()) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable actual = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (actual instanceof FrameException frameException) {
            protocolError(frameException);
        } else if (actual instanceof IOException) {
            LOG.debug("connection from {} lost: {}", ctx.channel().remoteAddress(), actual.toString());
            ctx.close();
        } else {
            LOG.warn("closing connection from {}: {}", Addresses.format(ctx.channel().remoteAddress()),
                    actual.toString(), actual);
            ctx.close();
        }
    }

    /** Answers a protocol violation with an error frame, then closes this connection only. */
    private void protocolError(FrameException e) {
        PROTOCOL_ERRORS.warn("closing connection from {}: {}: {}", Addresses.format(ctx.channel().remoteAddress()),
                e.codeName(), e.getMessage());
        inFlight.clear();
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(new Frame.Error(e.requestId(), e.code(), e.getMessage()))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
