package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.tracker.http.HttpTrackerChannelInitializer;
import dev.switchboard.torrent.tracker.http.HttpTrackerHandler;
import dev.switchboard.torrent.tracker.udp.ConnectionIds;
import dev.switchboard.torrent.tracker.udp.UdpTrackerChannelInitializer;
import dev.switchboard.torrent.tracker.udp.UdpTrackerDecoder;
import dev.switchboard.torrent.tracker.udp.UdpTrackerHandler;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.ConnectionLimiter;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.Transport;
import dev.switchboard.transport.UdpServer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BitTorrent tracker: HTTP (BEP 3, 23, 7, 48) on a TCP port and BEP 15 on the UDP port of the
 * same number, both answering from one {@link TrackerState}. {@link #start} binds and returns;
 * {@link #close} stops listening, closes connections and releases every thread.
 */
public final class TrackerServer implements AutoCloseable {
    /** With port 0, how often to pick another TCP port when its UDP twin is taken. */
    static final int PORT_ATTEMPTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(TrackerServer.class);

    private final TrackerConfig config;
    private final TrackerState state;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels;
    private final ConnectionLimiter limiter;
    private final Channel httpListener;
    private final List<Channel> udpSockets;
    private final ScheduledFuture<?> sweeper;
    private boolean closed;

    private TrackerServer(TrackerConfig config) {
        this.config = config;
        this.state = new TrackerState(config);
        Transport transport = Transport.best();
        this.boss = transport.newGroup("tracker-accept", 1);
        this.workers = transport.newGroup("tracker-io", config.ioThreads());
        this.channels = new DefaultChannelGroup("tracker", GlobalEventExecutor.INSTANCE);
        this.limiter = new ConnectionLimiter("tracker", config.maxConnections());
        HttpTrackerChannelInitializer http = new HttpTrackerChannelInitializer(config, limiter,
                new HttpTrackerHandler(state), channels);
        UdpTrackerChannelInitializer udp = new UdpTrackerChannelInitializer(
                new UdpTrackerHandler(state, new ConnectionIds(config.clock())));
        Listeners bound;
        try {
            bound = bindBoth(transport, http, udp);
        } catch (RuntimeException e) {
            releaseThreads();
            throw e;
        }
        this.httpListener = bound.tcp();
        this.udpSockets = bound.udp();
        long sweepMillis = config.sweepInterval().toMillis();
        this.sweeper = workers.next().scheduleAtFixedRate(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    private record Listeners(Channel tcp, List<Channel> udp) {
    }

    /**
     * TCP first, then UDP on the port TCP got; with port 0 another pair is tried if UDP's is taken.
     * UDP gets one socket per I/O thread (with epoll; {@code SO_REUSEPORT}), so datagrams are read
     * on every loop. The TCP listener, bound without {@code SO_REUSEPORT}, keeps a second tracker
     * off the port.
     */
    private Listeners bindBoth(Transport transport, HttpTrackerChannelInitializer http,
            UdpTrackerChannelInitializer udp) {
        int loops = 0;
        for (EventExecutor ignored : workers) {
            loops++;
        }
        for (int attempt = 1; ; attempt++) {
            Channel tcp = TcpServer.bind(transport, boss, workers,
                    new InetSocketAddress(config.bindHost(), config.port()), http);
            InetSocketAddress tcpAddress = (InetSocketAddress) tcp.localAddress();
            try {
                return new Listeners(tcp, UdpServer.bind(transport, workers, tcpAddress,
                        UdpTrackerDecoder.MAX_DATAGRAM + 1, loops, udp));
            } catch (TcpServer.ListenException e) {
                tcp.close().syncUninterruptibly();
                if (config.port() != 0 || attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("tracker: UDP port {} taken, trying another pair", tcpAddress.getPort());
            }
        }
    }

    /**
     * Binds HTTP and UDP and starts serving.
     *
     * @throws TcpServer.ListenException when either cannot be bound
     */
    public static TrackerServer start(TrackerConfig config) {
        TrackerServer server = new TrackerServer(config);
        LOG.info("tracker listening on {} (HTTP and UDP)", Addresses.format(server.localAddress()));
        LOG.info("tracker: serving {}; announce interval {} s, {} peers a reply (at most {}), at most {} peers "
                        + "a torrent, {} torrents, {} peers in all", config.allowList(),
                config.announceInterval().toSeconds(), config.defaultNumWant(), config.maxNumWant(),
                config.maxPeersPerTorrent(), config.maxTorrents(), config.maxPeers());
        return server;
    }

    private void sweep() {
        try {
            state.sweep();
        } catch (RuntimeException e) {
            LOG.warn("tracker: sweeping expired peers failed", e);
        }
    }

    /** The HTTP listener's address; UDP listens on the same address and port number. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) httpListener.localAddress();
    }

    /** The UDP socket's address. */
    public InetSocketAddress udpAddress() {
        return (InetSocketAddress) udpSockets.get(0).localAddress();
    }

    /** The swarms, for embedding programs and tests. */
    public TrackerState state() {
        return state;
    }

    public TrackerConfig config() {
        return config;
    }

    /** HTTP connections open now. */
    public int openConnections() {
        return limiter.openConnections();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.cancel(false);
        httpListener.close().syncUninterruptibly();
        for (Channel socket : udpSockets) {
            socket.close().syncUninterruptibly();
        }
        channels.close().awaitUninterruptibly();
        releaseThreads();
        LOG.info("tracker on {} stopped ({} torrents, {} peers)", Addresses.format(localAddress()),
                state.torrentCount(), state.peerCount());
    }

    private void releaseThreads() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
