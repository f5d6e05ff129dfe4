package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpServerTest {
    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.newGroup("udp-server-test", 1);
    private final BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(10);

    @AfterEach
    void shutdown() {
        Transport.shutdown(group);
    }

    private Channel bind(InetSocketAddress address, int maxDatagram) {
        return UdpServer.bind(transport, group, address, maxDatagram, new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                lengths.add(packet.content().readableBytes());
            }
        });
    }

    @Test
    void datagramsLongerThanTheBoundArriveCutToIt() throws Exception {
        Channel channel = bind(new InetSocketAddress("127.0.0.1", 0), 100);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = (InetSocketAddress) channel.localAddress();
            client.send(new java.net.DatagramPacket(new byte[40], 40, target));
            client.send(new java.net.DatagramPacket(new byte[5000], 5000, target));
            assertThat(lengths.poll(5, TimeUnit.SECONDS)).isEqualTo(40);
            assertThat(lengths.poll(5, TimeUnit.SECONDS)).isEqualTo(100);
            assertThat(channel.getClass()).isEqualTo(transport.datagramChannelClass());
        } finally {
            channel.close().syncUninterruptibly();
        }
    }

    @Test
    void datagramsWaitingTogetherAreReadInOneBatch() throws Exception {
        assumeTrue(transport.datagramChannelClass() == EpollDatagramChannel.class, "recvmmsg needs epoll");
        List<Integer> readsPerBatch = new CopyOnWriteArrayList<>();
        Channel channel = UdpServer.bind(transport, group, new InetSocketAddress("127.0.0.1", 0), 100, 1,
                new ChannelInboundHandlerAdapter() {
                    private int reads;

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                        reads++;
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        readsPerBatch.add(reads);
                        reads = 0;
                    }
                }).get(0);
        CountDownLatch sent = new CountDownLatch(1);
        group.execute(() -> {
            try {
                sent.await(); // holds the loop so that the datagrams queue up in the socket first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 10; i++) {
                client.send(new java.net.DatagramPacket(new byte[40], 40, channel.localAddress()));
            }
            sent.countDown();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> readsPerBatch.stream().mapToInt(Integer::intValue).sum() == 10);
            assertThat(readsPerBatch).containsExactly(10);
        } finally {
            channel.close().syncUninterruptibly();
        }
    }

    @Test
    void severalSocketsShareOnePortOnSeparateLoops() {
        assumeTrue(transport.datagramChannelClass() == EpollDatagramChannel.class, "SO_REUSEPORT needs epoll");
        EventLoopGroup two = transport.newGroup("udp-server-test-2", 2);
        try {
            List<Channel> channels = UdpServer.bind(transport, two, new InetSocketAddress("127.0.0.1", 0), 100, 2,
                    new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                        }
                    });
            assertThat(channels).hasSize(2);
            assertThat(((InetSocketAddress) channels.get(1).localAddress()).getPort())
                    .isEqualTo(((InetSocketAddress) channels.get(0).localAddress()).getPort())
                    .isNotZero();
            assertThat(channels.get(0).eventLoop()).isNotSameAs(channels.get(1).eventLoop());
            channels.forEach(c -> c.close().syncUninterruptibly());
        } finally {
            Transport.shutdown(two);
        }
    }

    @Test
    void aTakenPortIsSaidInWords() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> bind(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), 100))
                    .isInstanceOf(TcpServer.ListenException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": address already in use (is another server running on that port?)");
        }
    }
}
