package dev.switchboard.reqrep.client;

import dev.switchboard.reqrep.ConnectionException;
import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.reqrep.codec.FrameDecoder;
import dev.switchboard.reqrep.codec.BatchingFrameEncoder;
import dev.switchboard.reqrep.codec.Preamble;
import dev.switchboard.reqrep.codec.PreambleCheck;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.CorrelationTable;
import dev.switchboard.transport.TcpClient;
import dev.switchboard.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One framed connection to a server. Many requests may be in flight at once; answers complete
 * their futures in whatever order the server sends them, on the connection's event loop (do not
 * block in callbacks; use the {@code ...Async} methods to move work elsewhere). Thread-safe.
 */
public final class ReqRepConnection implements AutoCloseable {
    private final Channel channel;
    private final ClientHandler handler;
    private final ReqRepClientConfig config;

    private ReqRepConnection(Channel channel, ClientHandler handler, ReqRepClientConfig config) {
        this.channel = channel;
        this.handler = handler;
        this.config = config;
    }

    /**
     * Connects to {@code config.address()} and completes once the server has answered the
     * preamble. Fails with {@link ConnectionException} naming the address and the reason.
     */
    public static CompletableFuture<ReqRepConnection> open(ReqRepClientConfig config, Transport transport,
            EventLoopGroup group) {
        InetSocketAddress address = config.address();
        String target = address.getHostString() + ":" + address.getPort();
        CompletableFuture<ReqRepConnection> result = new CompletableFuture<>();
        ChannelFuture connect = TcpClient.bootstrap(transport, group, config.connectTimeout(),
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ClientHandler handler = new ClientHandler(ch.eventLoop(), config, target);
                        ch.pipeline()
                                .addLast("flush-consolidation", new FlushConsolidationHandler(256, true))
                                .addLast("frame-encoder", new BatchingFrameEncoder())
                                .addLast("preamble-check", new PreambleCheck())
                                .addLast("frame-decoder", new FrameDecoder(config.maxFrameLength()))
                                .addLast("client-handler", handler);
                        handler.ready().whenComplete((ok, failure) -> {
                            if (failure != null) {
                                result.completeExceptionally(failure);
                            } else {
                                result.complete(new ReqRepConnection(ch, handler, config));
                            }
                        });
                    }
                }).connect(address.isUnresolved()
                        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new ConnectionException(
                        "cannot connect to " + target + ": " + ConnectionFailures.describe(f.cause()), f.cause()));
            } else {
                connect.channel().writeAndFlush(Preamble.write(connect.channel().alloc()));
            }
        });
        return result;
    }

    /** Sends a request with the configured default timeout. */
    public CompletableFuture<byte[]> call(String route, byte[] body) {
        return call(route, body, config.requestTimeout());
    }

    /**
     * Sends a request. The future fails with {@link ReqRepException} for an error answer
     * (including TIMEOUT after {@code timeout}, OVERLOADED when this connection already carries its
     * maximum, SHUTTING_DOWN once the server said go-away) and {@link ConnectionException} when the
     * connection is lost first.
     */
    public CompletableFuture<byte[]> call(String route, byte[] body, Duration timeout) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        Frame.Request template;
        try {
            template = new Frame.Request(1, route, body);
        } catch (IllegalArgumentException e) {
            future.completeExceptionally(e);
            return future;
        }
        if (channel.eventLoop().inEventLoop()) {
            handler.send(template, future, timeout);
        } else {
            channel.eventLoop().execute(() -> handler.send(template, future, timeout));
        }
        return future;
    }

    /** Sends a ping and completes with the round-trip time. */
    public CompletableFuture<Duration> ping() {
        CompletableFuture<Duration> future = new CompletableFuture<>();
        channel.eventLoop().execute(() -> handler.ping(future, config.requestTimeout()));
        return future;
    }

    /** True while the connection is open and the server has not asked it to go away. */
    public boolean isUsable() {
        return channel.isActive() && !handler.goingAway();
    }

    /** Requests sent and not yet answered. Approximate when read off the event loop. */
    public int inFlight() {
        return handler.inFlight();
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        return closed;
    }

    /** Closes at once; requests still in flight fail with {@link ConnectionException}. */
    @Override
    public void close() {
        ChannelFuture closing = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "ReqRepConnection[" + Addresses.format(channel.remoteAddress()) + "]";
    }

    static ReqRepException timeout(String target, Duration timeout) {
        return new ReqRepException(ErrorCode.TIMEOUT,
                "no response from " + target + " within " + timeout.toMillis() + " ms");
    }

    static CorrelationTable<byte[]> table(io.netty.util.concurrent.EventExecutor loop, int capacity, String target) {
        return new CorrelationTable<>(loop, capacity, t -> timeout(target, t));
    }
}
