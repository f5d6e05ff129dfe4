package dev.switchboard.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds UDP sockets with the options every Switchboard UDP service shares.
 *
 * <p>With native epoll, each read takes up to {@value #READ_BATCH} datagrams in one
 * {@code recvmmsg} call (Netty's {@link EpollChannelOption#MAX_DATAGRAM_PAYLOAD_SIZE}), and a service
 * may bind several sockets to one port with {@code SO_REUSEPORT}, each on its own event loop, so the
 * kernel spreads senders over them. Replies written during one read and flushed together leave in one
 * {@code sendmmsg} call. NIO reads one datagram per call and binds one socket.
 */
public final class UdpServer {
    /** Datagrams one {@code recvmmsg} call may return (epoll only). */
    static final int READ_BATCH = 32;
    /**
     * Datagrams one socket reads before its replies are flushed and it yields its event loop to
     * other channels and tasks: one {@code recvmmsg} (with epoll), then one {@code sendmmsg}.
     */
    static final int MAX_MESSAGES_PER_READ = READ_BATCH;

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
        return bind(transport, group, address, maxDatagramLength, 1, handler).get(0);
    }

    /**
     * Binds up to {@code sockets} datagram channels to {@code address}, each registered on the next
     * loop of {@code group}: that many with epoll ({@code SO_REUSEPORT}; the first one picks the
     * port when {@code address} has port 0 and the others join it), one with NIO. The handler must
     * be {@code @Sharable} or a {@code ChannelInitializer} when there are several.
     *
     * @throws TcpServer.ListenException when the address cannot be bound, with the reason in words
     */
    public static List<Channel> bind(Transport transport, EventLoopGroup group, InetSocketAddress address,
            int maxDatagramLength, int sockets, ChannelHandler handler) {
        if (sockets < 1) {
            throw new IllegalArgumentException("sockets must be at least 1, got " + sockets);
        }
        boolean epoll = transport.datagramChannelClass() == EpollDatagramChannel.class;
        int count = epoll ? sockets : 1;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.datagramChannelClass())
                .handler(handler);
        if (epoll) {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(maxDatagramLength * READ_BATCH)
                                    .maxMessagesPerRead(MAX_MESSAGES_PER_READ))
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagramLength);
            if (count > 1) {
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            }
        } else {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramLength)
                    .maxMessagesPerRead(MAX_MESSAGES_PER_READ));
        }
        List<Channel> bound = new ArrayList<>(count);
        InetSocketAddress next = address;
        try {
            for (int i = 0; i < count; i++) {
                Channel channel = bootstrap.bind(next).syncUninterruptibly().channel();
                bound.add(channel);
                next = (InetSocketAddress) channel.localAddress();
            }
        } catch (Exception e) {
            for (Channel channel : bound) {
                channel.close().syncUninterruptibly();
            }
            throw new TcpServer.ListenException(address, e);
        }
        return List.copyOf(bound);
    }
}
