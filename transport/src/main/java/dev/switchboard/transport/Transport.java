package dev.switchboard.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O transport: native epoll where it loads, NIO otherwise. Event loop groups and channel
 * classes always come from the same transport, so they never mismatch.
 */
public final class Transport {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static volatile Transport best;

    private final String name;
    private final IoHandlerFactory ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final Class<? extends SocketChannel> socketChannelClass;
    private final Class<? extends DatagramChannel> datagramChannelClass;

    private Transport(String name, IoHandlerFactory ioHandlerFactory,
            Class<? extends ServerChannel> serverChannelClass,
            Class<? extends SocketChannel> socketChannelClass,
            Class<? extends DatagramChannel> datagramChannelClass) {
        this.name = name;
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannelClass = serverChannelClass;
        this.socketChannelClass = socketChannelClass;
        this.datagramChannelClass = datagramChannelClass;
    }

    /** Native epoll when available, NIO otherwise; the choice (and why) is logged once. */
    public static Transport best() {
        Transport chosen = best;
        if (chosen == null) {
            synchronized (Transport.class) {
                chosen = best;
                if (chosen == null) {
                    chosen = detect();
                    best = chosen;
                }
            }
        }
        return chosen;
    }

    /** The portable NIO transport, whatever the platform offers. */
    public static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(),
                NioServerSocketChannel.class, NioSocketChannel.class, NioDatagramChannel.class);
    }

    private static Transport detect() {
        if (Epoll.isAvailable()) {
            LOG.info("transport: native epoll");
            return new Transport("epoll", EpollIoHandler.newFactory(),
                    EpollServerSocketChannel.class, EpollSocketChannel.class, EpollDatagramChannel.class);
        }
        Throwable cause = Epoll.unavailabilityCause();
        LOG.info("transport: nio (native epoll unavailable: {})",
                cause == null ? "unknown reason" : cause.getMessage());
        return nio();
    }

    public String name() {
        return name;
    }

    /**
     * A new event loop group of this transport; threads are named {@code prefix-N}. {@code threads}
     * 0 means one per core (not Netty's own default of two per core: on a small machine more
     * event loops than cores only queue for the CPU).
     */
    public EventLoopGroup newGroup(String threadPrefix, int threads) {
        int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new MultiThreadIoEventLoopGroup(count, new DefaultThreadFactory(threadPrefix, true),
                ioHandlerFactory);
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    public Class<? extends SocketChannel> socketChannelClass() {
        return socketChannelClass;
    }

    /** UDP channels of this transport, for groups made by {@link #newGroup}. */
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return datagramChannelClass;
    }

    /** Shuts a group down quickly and waits for it; for servers that have already drained. */
    public static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return name;
    }
}
