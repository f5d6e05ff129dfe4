package dev.switchboard.reqrep.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link Frame}s into one shared buffer until the next flush, so that the answers to a
 * burst of pipelined requests leave in one buffer (and one write) instead of one buffer each. A
 * batch is also passed on once it holds 64 KiB. Anything that is not a frame passes through after
 * the batch. Per channel.
 */
public final class BatchingFrameEncoder extends ChannelOutboundHandlerAdapter {
    private static final int FLUSH_AT = 64 * 1024;
    private ByteBuf batch;
    private List<ChannelPromise> promises = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Frame frame)) {
            writeBatch(ctx);
            ctx.write(msg, promise);
            return;
        }
        if (batch == null) {
            batch = ctx.alloc().ioBuffer((int) Math.min(Integer.MAX_VALUE, Math.max(1024, 4 + FrameEncoder.bodyLength(frame))));
        }
        try {
            FrameEncoder.write(frame, batch);
        } catch (RuntimeException e) {
            promise.tryFailure(e);
            return;
        }
        if (!promise.isVoid()) {
            promises.add(promise);
        }
        if (batch.readableBytes() >= FLUSH_AT) {
            writeBatch(ctx);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeBatch(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        writeBatch(ctx);
        ctx.flush();
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        IllegalStateException gone = new IllegalStateException("encoder removed before the frame was written");
        for (ChannelPromise p : promises) {
            p.tryFailure(gone);
        }
        promises.clear();
    }

    private void writeBatch(ChannelHandlerContext ctx) {
        ByteBuf out = batch;
        if (out == null) {
            return;
        }
        batch = null;
        if (promises.isEmpty()) {
            ctx.write(out, ctx.voidPromise());
            return;
        }
        List<ChannelPromise> waiting = promises;
        promises = new ArrayList<>();
        ctx.write(out).addListener(f -> {
            for (ChannelPromise p : waiting) {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }
        });
    }
}
