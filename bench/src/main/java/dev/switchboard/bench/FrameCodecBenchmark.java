package dev.switchboard.bench;

import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.reqrep.codec.FrameDecoder;
import dev.switchboard.reqrep.codec.FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The reqrep frame codec on its own, no channel: {@link FrameEncoder#write} and
 * {@link FrameDecoder#decodeOne} on a {@code Request} frame (route "echo") with a 64-byte and a
 * 4 KiB body.
 *
 * <p>{@code encode}, {@code decode} and {@code roundTrip} reuse one buffer per measurement
 * iteration (allocated in the iteration's set-up, released in its tear-down), so they measure the
 * codec, not the allocator. {@code encodeAllocating} allocates and releases a right-sized buffer
 * per frame, as {@code MessageToByteEncoder} does in a pipeline.
 *
 * <p>{@code allocator}: {@code pooled-direct} is Netty's pooled direct memory (what the epoll
 * transport reads into and writes from); {@code unpooled-heap} is a plain {@code byte[]}-backed
 * buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameCodecBenchmark {
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    @Param({"64", "4096"})
    public int bodySize;

    @Param({"pooled-direct", "unpooled-heap"})
    public String allocator;

    private ByteBufAllocator alloc;
    private Frame.Request request;
    private int frameBytes;
    private FrameDecoder decoder;
    /** Reused by encode and roundTrip: cleared before each frame. */
    private ByteBuf out;
    /** One encoded frame; decode rewinds its reader index before each frame. */
    private ByteBuf encoded;

    @Setup(Level.Trial)
    public void setUpTrial() {
        alloc = switch (allocator) {
            case "pooled-direct" -> PooledByteBufAllocator.DEFAULT;
            case "unpooled-heap" -> UnpooledByteBufAllocator.DEFAULT;
            default -> throw new IllegalArgumentException("unknown allocator " + allocator);
        };
        byte[] body = new byte[bodySize];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        request = new Frame.Request(1, "echo", body);
        frameBytes = 4 + (int) FrameEncoder.bodyLength(request);
        decoder = new FrameDecoder(MAX_FRAME);
    }

    @Setup(Level.Iteration)
    public void setUpIteration() {
        out = newBuffer(frameBytes);
        encoded = newBuffer(frameBytes);
        FrameEncoder.write(request, encoded);
        Frame check = decoder.decodeOne(encoded.duplicate());
        if (!request.equals(check)) {
            throw new IllegalStateException("codec round trip failed: " + check);
        }
    }

    @TearDown(Level.Iteration)
    public void tearDownIteration() {
        out.release();
        encoded.release();
        out = null;
        encoded = null;
    }

    private ByteBuf newBuffer(int capacity) {
        return "pooled-direct".equals(allocator) ? alloc.directBuffer(capacity) : alloc.heapBuffer(capacity);
    }

    /** Frame to bytes into the reused buffer; returns the buffer so the JIT cannot drop the writes. */
    @Benchmark
    public ByteBuf encode() {
        out.clear();
        FrameEncoder.write(request, out);
        return out;
    }

    /** Bytes to frame from the reused encoded buffer (copies route and body out of it). */
    @Benchmark
    public Frame decode() {
        encoded.readerIndex(0);
        return decoder.decodeOne(encoded);
    }

    /** Encode then decode the same buffer. */
    @Benchmark
    public Frame roundTrip() {
        out.clear();
        FrameEncoder.write(request, out);
        return decoder.decodeOne(out);
    }

    /** Encode into a freshly allocated buffer of the exact size, then release it (pipeline-like). */
    @Benchmark
    public int encodeAllocating() {
        ByteBuf buf = newBuffer(frameBytes);
        try {
            FrameEncoder.write(request, buf);
            return buf.writerIndex();
        } finally {
            buf.release();
        }
    }
}
