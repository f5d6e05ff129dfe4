package dev.switchboard.reqrep.server;

import static dev.switchboard.reqrep.server.ChannelHandlerNames.FRAMED_HANDLER;
import static dev.switchboard.reqrep.server.ChannelHandlerNames.RAW_HANDLER;

import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.ConnectionLimiter;
import dev.switchboard.transport.IdleSweep;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request/response server: one port, raw and framed clients told apart by their first bytes.
 * {@link #start} binds and returns; {@link #close} drains gracefully (in-flight requests finish,
 * new ones are refused) and releases every thread.
 */
public final class ReqRepServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReqRepServer.class);
    private static final Duration MAX_IDLE_SWEEP_PERIOD = Duration.ofMillis(500);

    private final ReqRepServerConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor blockingPool;
    private final ChannelGroup channels;
    private final ConnectionLimiter limiter;
    private final IdleSweep idleSweep;
    private final Channel listener;
    private boolean closed;

    private ReqRepServer(ReqRepServerConfig config) {
        this.config = config;
        Transport transport = Transport.best();
        this.boss = transport.newGroup("reqrep-accept", 1);
        this.workers = transport.newGroup("reqrep-io", config.ioThreads());
        this.blockingPool = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(),
                60, TimeUnit.SECONDS,
                config.workerQueue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(config.workerQueue()),
                new DefaultThreadFactory("reqrep-worker", true));
        this.blockingPool.allowCoreThreadTimeOut(true);
        this.channels = new DefaultChannelGroup("reqrep", GlobalEventExecutor.INSTANCE);
        this.limiter = new ConnectionLimiter("reqrep", config.maxConnections());
        this.idleSweep = new IdleSweep(Clock.systemUTC(), idleSweepPeriod(config.idleTimeout()));
        Dispatcher dispatcher = new Dispatcher(config.routes(), blockingPool, config.workerQueue());
        InetSocketAddress address = new InetSocketAddress(config.bindHost(), config.port());
        try {
            this.listener = TcpServer.bind(transport, boss, workers, address,
                    new ReqRepChannelInitializer(config, limiter, dispatcher, channels, idleSweep));
        } catch (RuntimeException e) {
            releaseThreads();
            throw e;
        }
    }

    /**
     * Binds and starts serving.
     *
     * @throws TcpServer.ListenException when the address cannot be bound
     */
    public static ReqRepServer start(ReqRepServerConfig config) {
        ReqRepServer server = new ReqRepServer(config);
        LOG.info("reqrep listening on {} (raw and framed; routes {})", Addresses.format(server.localAddress()),
                config.routes().names());
        return server;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public ReqRepServerConfig config() {
        return config;
    }

    /** Connections open now (framed, raw and not yet decided). */
    public int openConnections() {
        return limiter.openConnections();
    }

    /**
     * How often each event loop looks for idle connections: a quarter of the idle timeout, at most
     * half a second, so a connection is closed at most two periods after its timeout.
     */
    static Duration idleSweepPeriod(Duration idleTimeout) {
        return Duration.ofMillis(Math.max(1, Math.min(MAX_IDLE_SWEEP_PERIOD.toMillis(), idleTimeout.toMillis() / 4)));
    }

    /** Connections whose idle timeout is watched now, over all event loops (one per open connection). */
    int idleWatched() {
        int watched = 0;
        for (EventExecutor loop : workers) {
            watched += loop.submit(() -> idleSweep.watched(loop)).syncUninterruptibly().getNow();
        }
        return watched;
    }

    /**
     * Graceful shutdown: stops accepting, tells framed clients to go away, lets in-flight requests
     * finish for up to the drain timeout, then closes what is left and stops all threads.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().syncUninterruptibly();
        int open = channels.size();
        for (Channel ch : channels) {
            if (ch.pipeline().get(FRAMED_HANDLER) != null) {
                ch.pipeline().fireUserEventTriggered(DrainEvent.INSTANCE);
            } else if (ch.pipeline().get(RAW_HANDLER) == null) {
                ch.close(); // never said anything: nothing to drain
            }
        }
        boolean drained = channels.newCloseFuture().awaitUninterruptibly(config.drainTimeout().toMillis());
        int left = channels.size();
        if (!drained && left > 0) {
            LOG.warn("reqrep: {} connections still busy after the {} ms drain timeout; closing them",
                    left, config.drainTimeout().toMillis());
        }
        channels.close().awaitUninterruptibly();
        releaseThreads();
        LOG.info("reqrep on {} stopped ({} connections were open)", Addresses.format(localAddress()), open);
    }

    private void releaseThreads() {
        blockingPool.shutdownNow();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
