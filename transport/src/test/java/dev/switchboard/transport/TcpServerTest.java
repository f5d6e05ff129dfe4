package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpServerTest {
    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.newGroup("tcp-server-test", 1);

    @AfterEach
    void shutdown() {
        Transport.shutdown(group);
    }

    private Channel bind(InetSocketAddress address) {
        return TcpServer.bind(transport, group, group, address, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
            }
        });
    }

    @Test
    void portInUseIsSaidInWords() {
        Channel first = bind(new InetSocketAddress("127.0.0.1", 0));
        try {
            InetSocketAddress taken = (InetSocketAddress) first.localAddress();
            assertThatThrownBy(() -> bind(taken)).isInstanceOf(TcpServer.ListenException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getPort()
                            + ": address already in use (is another server running on that port?)");
        } finally {
            first.close().syncUninterruptibly();
        }
    }

    @Test
    void anAddressNotOnThisMachineIsSaidInWords() {
        // TEST-NET-1 (RFC 5737): never assigned to a local interface
        assertThatThrownBy(() -> bind(new InetSocketAddress("192.0.2.1", 0)))
                .isInstanceOf(TcpServer.ListenException.class)
                .hasMessageContaining("cannot listen on 192.0.2.1:0: address not available on this machine");
    }

    @Test
    void bindsLoopbackOnPortZero() {
        Channel channel = bind(new InetSocketAddress("127.0.0.1", 0));
        try {
            assertThat(((InetSocketAddress) channel.localAddress()).getPort()).isPositive();
            assertThat(transport.name()).isIn("epoll", "nio");
        } finally {
            channel.close().syncUninterruptibly();
        }
    }
}
