package dev.switchboard.reqrep.load;

import dev.switchboard.reqrep.client.ReqRepClientConfig;
import dev.switchboard.reqrep.ConnectionException;
import dev.switchboard.reqrep.client.ConnectionFailures;
import dev.switchboard.reqrep.codec.FrameDecoder;
import dev.switchboard.reqrep.codec.BatchingFrameEncoder;
import dev.switchboard.reqrep.codec.PreambleCheck;
import dev.switchboard.transport.TcpClient;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import dev.switchboard.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: each of {@code connections} keeps {@code pipeline} requests in flight, sending
 * the next one the moment an answer arrives. Latencies go into an HdrHistogram; requests completed
 * during the warm-up are not counted.
 */
public final class ClosedLoopLoad {
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    /** What to run. */
    public record Plan(ReqRepClientConfig client, int connections, int pipeline, int payloadSize,
            Duration duration, Duration warmup, String route) {
        public Plan {
            if (connections < 1 || pipeline < 1 || payloadSize < 0) {
                throw new IllegalArgumentException("connections and pipeline must be at least 1, size at least 0");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive");
            }
        }
    }

    private final Plan plan;
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile boolean measuring;

    public ClosedLoopLoad(Plan plan) {
        this.plan = plan;
    }

    /**
     * Runs the plan and returns what it measured. {@code progress} gets one line per second.
     *
     * @throws dev.switchboard.reqrep.ConnectionException when the connections cannot be opened
     */
    public LoadReport run(Consumer<String> progress) throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup("bench", plan.client().ioThreads());
        List<Channel> channels = new ArrayList<>();
        List<PipelinedLoadHandler> handlers = new ArrayList<>();
        InetSocketAddress address = plan.client().address();
        String target = address.getHostString() + ":" + address.getPort();
        InetSocketAddress resolved = address.isUnresolved()
                ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        try {
            byte[] payload = new byte[plan.payloadSize()];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) ('a' + i % 26);
            }
            for (int i = 0; i < plan.connections(); i++) {
                PipelinedLoadHandler handler = new PipelinedLoadHandler(plan.route(), payload, plan.pipeline(),
                        recorder, errors, firstError, HIGHEST_MICROS);
                handlers.add(handler);
                ChannelFuture connect = TcpClient.bootstrap(transport, group, plan.client().connectTimeout(),
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline()
                                        .addLast("frame-encoder", new BatchingFrameEncoder())
                                        .addLast("preamble-check", new PreambleCheck())
                                        .addLast("frame-decoder", new FrameDecoder(plan.client().maxFrameLength()))
                                        .addLast("load", handler);
                            }
                        }).connect(resolved).awaitUninterruptibly();
                if (!connect.isSuccess()) {
                    throw new ConnectionException("cannot connect to " + target + ": "
                            + ConnectionFailures.describe(connect.cause()), connect.cause());
                }
                channels.add(connect.channel());
            }
            for (PipelinedLoadHandler handler : handlers) {
                try {
                    handler.ready().get(plan.client().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new ConnectionException("no framed-protocol answer from " + target + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : "timed out"), e);
                }
            }
            sleepReporting(plan.warmup(), progress, "warm-up");
            recorder.reset();
            errors.set(0);
            handlers.forEach(h -> h.measuring(true));
            measuring = true;
            long start = System.nanoTime();
            sleepReporting(plan.duration(), progress, "running");
            Histogram histogram = recorder.getIntervalHistogram();
            double seconds = (System.nanoTime() - start) / 1e9;
            measuring = false;
            handlers.forEach(h -> h.measuring(false));
            return LoadReport.of(histogram, errors.get(), seconds, firstError.get());
        } finally {
            handlers.forEach(PipelinedLoadHandler::stop);
            for (Channel channel : channels) {
                channel.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void sleepReporting(Duration total, Consumer<String> progress, String phase) throws InterruptedException {
        long end = System.nanoTime() + total.toNanos();
        long last = System.nanoTime();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            if (measuring && System.nanoTime() - last >= TimeUnit.MILLISECONDS.toNanos(900)) {
                last = System.nanoTime();
                progress.accept(phase + ": " + errors.get() + " errors so far");
            }
        }
    }
}
