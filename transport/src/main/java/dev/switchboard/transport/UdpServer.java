package dev.switchboard.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import java.net.InetSocketAddress;

/** Binds a UDP socket with the options every Switchboard UDP service shares. */
public final class UdpServer {
    private UdpServer() {
    }

    /**
     * Binds {@code address} and returns the datagram channel. Datagrams longer than
     * {@code maxDatagramLength} arrive cut to that length, so a handler that accepts less can tell
     * an oversized datagram by its length alone.
     *
     * @throws TcpServer.ListenException when the address cannot be bound, with the reason in words
     */
    public static Channel bind(Transport transport, EventLoopGroup group, InetSocketAddress address,
            int maxDatagramLength, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.datagramChannelClass())
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramLength))
                .handler(handler);
        try {
            return bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new TcpServer.ListenException(address, e);
        }
    }
}
