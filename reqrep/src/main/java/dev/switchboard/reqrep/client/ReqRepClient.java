package dev.switchboard.reqrep.client;

import dev.switchboard.reqrep.ConnectionException;
import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import dev.switchboard.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pooled, asynchronous request/response client. Spreads requests over a fixed number of
 * connections, reconnects lost ones with exponential backoff, and bounds the requests pending
 * across the whole client: one more fails at once with OVERLOADED instead of queueing without
 * limit. Thread-safe; futures complete on the client's event loops.
 */
public final class ReqRepClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReqRepClient.class);

    private final ReqRepClientConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final Slot[] slots;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final String target;
    private volatile boolean closed;

    private ReqRepClient(ReqRepClientConfig config) {
        this.config = config;
        this.transport = Transport.best();
        this.group = transport.newGroup("reqrep-client", config.ioThreads());
        this.target = config.address().getHostString() + ":" + config.address().getPort();
        this.slots = new Slot[config.connections()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
            slots[i].connect();
        }
    }

    /** Creates the client and starts connecting its pool; does not wait for the connections. */
    public static ReqRepClient create(ReqRepClientConfig config) {
        return new ReqRepClient(config);
    }

    /** Completes when at least one pooled connection is ready, or fails when none could connect. */
    public CompletableFuture<Void> ready() {
        CompletableFuture<?>[] attempts = new CompletableFuture<?>[slots.length];
        for (int i = 0; i < slots.length; i++) {
            attempts[i] = slots[i].current();
        }
        CompletableFuture<Void> any = new CompletableFuture<>();
        AtomicInteger failures = new AtomicInteger();
        for (CompletableFuture<?> attempt : attempts) {
            attempt.whenComplete((c, t) -> {
                if (t == null) {
                    any.complete(null);
                } else if (failures.incrementAndGet() == attempts.length) {
                    any.completeExceptionally(t);
                }
            });
        }
        return any;
    }

    public CompletableFuture<byte[]> call(String route, byte[] body) {
        return call(route, body, config.requestTimeout());
    }

    /**
     * Sends a request on a ready pooled connection. Fails with {@link ReqRepException} for an error
     * answer (TIMEOUT, OVERLOADED, NO_SUCH_ROUTE, ...) and {@link ConnectionException} when the
     * server cannot be reached.
     */
    public CompletableFuture<byte[]> call(String route, byte[] body, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new ConnectionException("client is closed"));
        }
        if (pending.incrementAndGet() > config.maxPendingRequests()) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new ReqRepException(ErrorCode.OVERLOADED,
                    config.maxPendingRequests() + " requests already pending (the client's limit); slow down"));
        }
        CompletableFuture<byte[]> result = dispatch(route, body, timeout);
        result.whenComplete((r, t) -> pending.decrementAndGet());
        return result;
    }

    private CompletableFuture<byte[]> dispatch(String route, byte[] body, Duration timeout) {
        int start = Math.floorMod(nextSlot.getAndIncrement(), slots.length);
        for (int i = 0; i < slots.length; i++) {
            ReqRepConnection connection = slots[(start + i) % slots.length].usable();
            if (connection != null) {
                return connection.call(route, body, timeout);
            }
        }
        // Nothing ready: wait for a connection attempt under way, or say why there is none.
        for (int i = 0; i < slots.length; i++) {
            CompletableFuture<ReqRepConnection> attempt = slots[(start + i) % slots.length].attemptInProgress();
            if (attempt != null) {
                return attempt.thenCompose(c -> c.call(route, body, timeout));
            }
        }
        Slot slot = slots[start];
        String failure = slot.lastFailure();
        String message = failure.startsWith("cannot connect")
                ? failure // the attempt's own words: "cannot connect to host:port: connection refused ..."
                : "not connected to " + target + ": " + failure;
        return CompletableFuture.failedFuture(new ConnectionException(message + " (next attempt in "
                + slot.millisToNextAttempt() + " ms)"));
    }

    /** Requests sent through this client and not yet answered. */
    public int pendingRequests() {
        return pending.get();
    }

    /** Closes every connection; requests in flight fail with {@link ConnectionException}. */
    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots) {
            slot.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One place in the pool: a connection, or the attempt to make one, and its backoff. */
    private final class Slot {
        private CompletableFuture<ReqRepConnection> attempt;
        private ReqRepConnection connection;
        private int failures;
        private int generation;
        private long nextAttemptNanos;
        private String lastFailure = "not connected yet";

        synchronized CompletableFuture<ReqRepConnection> current() {
            return attempt;
        }

        synchronized ReqRepConnection usable() {
            return connection != null && connection.isUsable() ? connection : null;
        }

        synchronized CompletableFuture<ReqRepConnection> attemptInProgress() {
            return attempt != null && !attempt.isDone() ? attempt : null;
        }

        synchronized String lastFailure() {
            return lastFailure;
        }

        synchronized long millisToNextAttempt() {
            return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - System.nanoTime()));
        }

        synchronized void connect() {
            if (closed) {
                return;
            }
            int thisAttempt = ++generation;
            connection = null;
            // the slot's state is updated before anyone waiting on the attempt hears of it
            attempt = ReqRepConnection.open(config, transport, group)
                    .whenComplete((c, t) -> onAttemptDone(thisAttempt, c, t));
        }

        private void onAttemptDone(int which, ReqRepConnection c, Throwable t) {
            synchronized (this) {
                if (which != generation) {
                    return;
                }
                if (t == null) {
                    if (failures > 0) {
                        LOG.info("reconnected to {}", target);
                    }
                    failures = 0;
                    connection = c;
                    c.closeFuture().thenRun(() -> onLost(c));
                    if (closed) {
                        c.close();
                    }
                    return;
                }
                failures++;
                lastFailure = t.getMessage();
            }
            scheduleReconnect();
        }

        private void onLost(ReqRepConnection lost) {
            synchronized (this) {
                if (lost != connection || closed) {
                    return;
                }
                connection = null;
                lastFailure = "connection lost";
            }
            LOG.info("connection to {} lost; reconnecting", target);
            scheduleReconnect();
        }

        private void scheduleReconnect() {
            long delayMs;
            synchronized (this) {
                if (closed) {
                    return;
                }
                long min = config.reconnectBackoffMin().toMillis();
                long max = config.reconnectBackoffMax().toMillis();
                long exp = min << Math.min(20, Math.max(0, failures - 1));
                long capped = Math.min(max, exp);
                delayMs = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
                nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
            }
            group.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        }

        void close() {
            ReqRepConnection open;
            CompletableFuture<ReqRepConnection> inProgress;
            synchronized (this) {
                open = connection;
                inProgress = attempt;
            }
            if (open != null) {
                open.close();
            }
            if (inProgress != null) {
                inProgress.thenAccept(ReqRepConnection::close);
            }
        }
    }
}
