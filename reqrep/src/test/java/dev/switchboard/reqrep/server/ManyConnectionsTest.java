package dev.switchboard.reqrep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.transport.TcpClient;
import dev.switchboard.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 5,000 raw connections open at the same time, then all asked at once, all answered. Both ends
 * live in this JVM: 10,000 descriptors of the 20,000 a process may hold here.
 */
class ManyConnectionsTest {
    private static final int CONNECTIONS = 5_000;
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    @Test
    void fiveThousandConcurrentRawConnectionsAreAllAnswered() throws InterruptedException {
        ReqRepServer server = servers.start(b -> b.maxConnections(CONNECTIONS + 10));
        EventLoopGroup group = Transport.best().newGroup("many-clients", 2);
        Map<Channel, StringBuilder> answers = new ConcurrentHashMap<>();
        AtomicInteger closedAfterAnswer = new AtomicInteger();
        List<Channel> channels = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try {
            Bootstrap bootstrap = TcpClient.bootstrap(Transport.best(), group, Duration.ofSeconds(10),
                    new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ByteBuf buf = (ByteBuf) msg;
                                    answers.computeIfAbsent(ctx.channel(), c -> new StringBuilder())
                                            .append(buf.toString(StandardCharsets.US_ASCII));
                                    buf.release();
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    closedAfterAnswer.incrementAndGet();
                                }
                            });
                        }
                    });
            Semaphore connecting = new Semaphore(256);
            for (int i = 0; i < CONNECTIONS; i++) {
                connecting.acquire();
                bootstrap.connect(server.localAddress()).addListener(f -> {
                    connecting.release();
                    if (f.isSuccess()) {
                        channels.add(((io.netty.channel.ChannelFuture) f).channel());
                    } else {
                        failures.add(f.cause());
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> channels.size() + failures.size() == CONNECTIONS);
            assertThat(failures).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.openConnections() == CONNECTIONS);

            for (Channel ch : channels) {
                ch.writeAndFlush(Unpooled.copiedBuffer("Hello, server!", StandardCharsets.US_ASCII));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> closedAfterAnswer.get() == CONNECTIONS);
            assertThat(answers).hasSize(CONNECTIONS);
            assertThat(answers.values()).allSatisfy(a -> assertThat(a.toString()).isEqualTo("Hello, client!"));
        } finally {
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
