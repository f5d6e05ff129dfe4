package dev.switchboard.reqrep.client;

import dev.switchboard.reqrep.ConnectionException;
import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.reqrep.codec.PreambleCheck;
import dev.switchboard.transport.CorrelationTable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one framed connection: correlates answers with requests by id. Every field is
 * touched only on the channel's event loop. Per channel.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);
    private final CorrelationTable<byte[]> pending;
    private final String target;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private ChannelHandlerContext ctx;
    private volatile boolean goingAway;
    private volatile int inFlight;
    private Throwable closeCause;
    private CompletableFuture<Duration> pingFuture;
    private long pingSentNanos;

    ClientHandler(EventLoop loop, ReqRepClientConfig config, String target) {
        this.pending = ReqRepConnection.table(loop, config.maxInflightPerConnection(), target);
        this.target = target;
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    boolean goingAway() {
        return goingAway;
    }

    int inFlight() {
        return inFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void send(Frame.Request template, CompletableFuture<byte[]> future, Duration timeout) {
        if (!ctx.channel().isActive()) {
            future.completeExceptionally(new ConnectionException("connection to " + target + " is closed"));
            return;
        }
        if (goingAway) {
            future.completeExceptionally(new ReqRepException(ErrorCode.SHUTTING_DOWN,
                    target + " is shutting down and takes no new requests"));
            return;
        }
        CorrelationTable.Registration<byte[]> registration;
        try {
            registration = pending.register(future, timeout);
        } catch (IllegalStateException e) {
            future.completeExceptionally(new ReqRepException(ErrorCode.OVERLOADED, e.getMessage()));
            return;
        }
        inFlight = pending.size();
        int id = registration.id();
        // a failed write fails the channel, and channelInactive fails every outstanding request
        ctx.writeAndFlush(new Frame.Request(id, template.route(), template.body()), ctx.voidPromise());
    }

    void ping(CompletableFuture<Duration> future, Duration timeout) {
        if (pingFuture != null && !pingFuture.isDone()) {
            pingFuture.whenComplete((d, t) -> {
                if (t != null) {
                    future.completeExceptionally(t);
                } else {
                    future.complete(d);
                }
            });
            return;
        }
        pingFuture = future;
        pingSentNanos = System.nanoTime();
        ScheduledFuture<?> timer = ctx.executor().schedule(
                () -> future.completeExceptionally(ReqRepConnection.timeout(target, timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((d, t) -> timer.cancel(false));
        ctx.writeAndFlush(new Frame.Ping(pingSentNanos));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == PreambleCheck.PreambleReceived.INSTANCE) {
            ready.complete(null);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame.Response response) {
            pending.complete(response.id(), response.body());
        } else if (msg instanceof Frame.Error error) {
            ReqRepException failure = ReqRepException.fromWire(error.code(), error.message());
            if (error.id() == 0) {
                LOG.warn("{} closed the connection: {}: {}", target, failure.codeName(), error.message());
                closeCause = failure;
                ctx.close();
            } else {
                pending.fail(error.id(), failure);
            }
        } else if (msg instanceof Frame.Pong pong) {
            if (pingFuture != null && pong.payload() == pingSentNanos) {
                pingFuture.complete(Duration.ofNanos(System.nanoTime() - pingSentNanos));
            }
        } else if (msg instanceof Frame.GoAway goAway) {
            LOG.debug("{} is going away: {}", target, goAway.message());
            goingAway = true;
            if (pending.isEmpty()) {
                ctx.close();
            }
        } else {
            LOG.warn("{} sent an unexpected {} frame; closing", target, msg.getClass().getSimpleName());
            ctx.close();
        }
        inFlight = pending.size();
        if (goingAway && pending.isEmpty()) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        goingAway = true;
        String why = closeCause != null ? closeCause.getMessage() : "closed by the server";
        ConnectionException lost = new ConnectionException("connection to " + target + " lost before the answer: "
                + why, closeCause);
        pending.failAll(lost);
        inFlight = 0;
        ready.completeExceptionally(closeCause != null ? closeCause : lost);
        if (pingFuture != null) {
            pingFuture.completeExceptionally(lost);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable actual = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (closeCause == null) {
            closeCause = actual;
        }
        if (actual instanceof IOException) {
            LOG.debug("connection to {} failed: {}", target, actual.toString());
        } else {
            LOG.warn("connection to {} failed: {}", target, actual.getMessage());
        }
        ready.completeExceptionally(actual);
        ctx.close();
    }
}
