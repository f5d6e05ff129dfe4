package dev.switchboard.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;

/** Binds a TCP listener with the options every Switchboard server shares. */
public final class TcpServer {
    private TcpServer() {
    }

    /**
     * Binds {@code address} and returns the listening channel.
     *
     * @throws ListenException when the address cannot be bound, with the reason in words
     */
    public static Channel bind(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
            InetSocketAddress address, ChannelInitializer<SocketChannel> initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 256 * 1024))
                // one allocator for every connection (its sizing state lives in each channel's own
                // handle), rather than one more object per connection
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator())
                .childHandler(initializer);
        try {
            return bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new ListenException(address, e);
        }
    }

    /** A listener could not be opened; the message names the address and the reason. */
    public static final class ListenException extends RuntimeException {
        public ListenException(InetSocketAddress address, Throwable cause) {
            super("cannot listen on " + Addresses.format(address) + ": " + reason(cause), cause);
        }

        private static String reason(Throwable cause) {
            String message = String.valueOf(cause.getMessage()).toLowerCase();
            if (message.contains("in use")) {
                return "address already in use (is another server running on that port?)";
            }
            if (message.contains("assign") || cause instanceof UnresolvedAddressException) {
                return "address not available on this machine";
            }
            if (message.contains("permission") || message.contains("denied")) {
                return "permission denied (ports below 1024 need privileges)";
            }
            return String.valueOf(cause.getMessage());
        }
    }
}
