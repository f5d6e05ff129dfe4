package dev.switchboard.reqrep.load;

import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.reqrep.codec.Preamble;
import dev.switchboard.reqrep.codec.PreambleCheck;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * One load-generating connection: keeps {@code pipeline} requests in flight and sends the next one
 * as each answer arrives, recording the latency by request id. Leaner than the client library (no
 * future, callback or timeout per request), so the load generator costs less CPU than the server
 * it measures. Per channel; runs on the channel's event loop.
 */
final class PipelinedLoadHandler extends ChannelInboundHandlerAdapter {
    /** Ids wrap within this window; far more than any pipeline, so no two in-flight ids collide. */
    private static final int ID_MASK = 0xFFFF;

    private final String route;
    private final byte[] payload;
    private final int pipeline;
    private final Recorder recorder;
    private final AtomicLong errors;
    private final AtomicReference<String> firstError;
    private final long highestMicros;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final long[] sentAt = new long[ID_MASK + 1];
    private ChannelHandlerContext ctx;
    private int nextId = 1;
    private volatile boolean measuring;
    private volatile boolean running = true;

    PipelinedLoadHandler(String route, byte[] payload, int pipeline, Recorder recorder, AtomicLong errors,
            AtomicReference<String> firstError, long highestMicros) {
        this.route = route;
        this.payload = payload;
        this.pipeline = pipeline;
        this.recorder = recorder;
        this.errors = errors;
        this.firstError = firstError;
        this.highestMicros = highestMicros;
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    void measuring(boolean on) {
        measuring = on;
    }

    void stop() {
        running = false;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        ctx.writeAndFlush(Preamble.write(ctx.alloc()));
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == PreambleCheck.PreambleReceived.INSTANCE) {
            ready.complete(null);
            for (int i = 0; i < pipeline; i++) {
                send();
            }
            ctx.flush();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void send() {
        if (!running) {
            return;
        }
        int id = nextId;
        nextId = nextId == ID_MASK ? 1 : nextId + 1;
        sentAt[id] = System.nanoTime();
        ctx.write(new Frame.Request(id, route, payload), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        if (measuring) {
            if (frame instanceof Frame.Response) {
                long micros = (System.nanoTime() - sentAt[frame.id() & ID_MASK]) / 1000;
                recorder.recordValue(Math.min(highestMicros, Math.max(0, micros)));
            } else {
                errors.incrementAndGet();
                if (frame instanceof Frame.Error e) {
                    firstError.compareAndSet(null, e.message());
                }
            }
        }
        send();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        if (measuring) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, String.valueOf(cause.getMessage()));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IllegalStateException("connection closed before the preamble"));
        super.channelInactive(ctx);
    }
}
