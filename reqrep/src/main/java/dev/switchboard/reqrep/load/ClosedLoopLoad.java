package dev.switchboard.reqrep.load;

import dev.switchboard.reqrep.client.ReqRepClientConfig;
import dev.switchboard.reqrep.client.ReqRepConnection;
import dev.switchboard.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    private volatile boolean running = true;

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
        List<ReqRepConnection> connections = new ArrayList<>();
        try {
            List<CompletableFuture<ReqRepConnection>> opening = new ArrayList<>();
            for (int i = 0; i < plan.connections(); i++) {
                opening.add(ReqRepConnection.open(plan.client(), transport, group));
            }
            for (CompletableFuture<ReqRepConnection> future : opening) {
                connections.add(future.join());
            }
            byte[] payload = new byte[plan.payloadSize()];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) ('a' + i % 26);
            }
            for (ReqRepConnection connection : connections) {
                for (int i = 0; i < plan.pipeline(); i++) {
                    sendNext(connection, payload);
                }
            }
            sleepReporting(plan.warmup(), progress, "warm-up");
            recorder.reset();
            errors.set(0);
            measuring = true;
            long start = System.nanoTime();
            sleepReporting(plan.duration(), progress, "running");
            Histogram histogram = recorder.getIntervalHistogram();
            double seconds = (System.nanoTime() - start) / 1e9;
            measuring = false;
            running = false;
            return LoadReport.of(histogram, errors.get(), seconds, firstError.get());
        } finally {
            running = false;
            for (ReqRepConnection connection : connections) {
                connection.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void sendNext(ReqRepConnection connection, byte[] payload) {
        if (!running) {
            return;
        }
        long start = System.nanoTime();
        connection.call(plan.route(), payload).whenComplete((answer, failure) -> {
            if (measuring) {
                if (failure != null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, failure.getMessage());
                } else {
                    recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - start) / 1000));
                }
            }
            if (failure == null || connection.isUsable()) {
                sendNext(connection, payload);
            }
        });
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
