package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
    void aTakenPortIsSaidInWords() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> bind(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), 100))
                    .isInstanceOf(TcpServer.ListenException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": address already in use (is another server running on that port?)");
        }
    }
}
