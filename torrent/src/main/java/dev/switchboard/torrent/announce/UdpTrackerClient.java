package dev.switchboard.torrent.announce;

import dev.switchboard.transport.CorrelationTable;
import dev.switchboard.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Announces to one UDP tracker (BEP 15) from its own datagram socket: connect for a connection id
 * (kept for {@link AnnounceConfig#udpConnectionIdLifetime()}, a minute as the BEP says), then
 * announce. A request unanswered after {@code base * 2^n} is sent again with n one higher, up to
 * {@link AnnounceConfig#udpMaxRetransmits()} times in one announce, connect and announce counted
 * together; then the announce fails as timed out. An error reply (action 3) fails it as refused with
 * the tracker's text and drops the connection id, in case it had expired at the tracker. A reply
 * with our transaction id but another action fails the announce as malformed at once; replies that
 * are too short or carry an unknown transaction id are dropped (see {@link UdpTrackerClientHandler}).
 *
 * <p>The socket is opened at the first announce (the host name is resolved then, off the event
 * loop) and bound to an ephemeral port, on loopback when the tracker is on loopback. Connection
 * state lives on the socket's event loop. Thread-safe.
 */
public final class UdpTrackerClient implements TrackerClient {
    /** Largest reply read; a datagram cannot be longer. */
    static final int MAX_DATAGRAM = 64 * 1024;

    private final URI uri;
    private final EventLoopGroup group;
    private final Transport transport;
    private final AnnounceConfig config;
    private CompletableFuture<Channel> channel; // guarded by this
    private boolean closed; // guarded by this
    private long connectionId; // on the event loop
    private Instant connectionIdExpiry = Instant.MIN; // on the event loop

    public UdpTrackerClient(URI uri, EventLoopGroup group, Transport transport, AnnounceConfig config) {
        if (!"udp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("not a UDP tracker URL with host and port: " + uri);
        }
        this.uri = uri;
        this.group = group;
        this.transport = transport;
        this.config = config;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(AnnounceRequest request) {
        return open().thenCompose(ch -> {
            CompletableFuture<AnnounceResponse> result = new CompletableFuture<>();
            ch.eventLoop().execute(() -> attempt(ch, request, 0, result));
            return result;
        });
    }

    private void attempt(Channel ch, AnnounceRequest request, int n, CompletableFuture<AnnounceResponse> result) {
        Duration timeout = config.udpRetransmitBase().multipliedBy(1L << n);
        boolean connected = config.clock().instant().isBefore(connectionIdExpiry);
        long id = connectionId;
        exchange(ch, timeout, wireId -> connected
                ? UdpTrackerCodec.announce(ch.alloc(), id, wireId, request)
                : UdpTrackerCodec.connect(ch.alloc(), wireId)).whenComplete((reply, failure) -> {
            if (failure != null) {
                AnnounceException e = (AnnounceException) AnnounceException.unwrap(failure);
                if (e.kind() == AnnounceException.Kind.TIMEOUT && n < config.udpMaxRetransmits()) {
                    attempt(ch, request, n + 1, result);
                } else {
                    result.completeExceptionally(e.kind() == AnnounceException.Kind.TIMEOUT
                            ? new AnnounceException(e.kind(), "no reply from UDP tracker " + uri + " after "
                                    + (n + 1) + " attempts", e)
                            : e);
                }
            } else if (reply instanceof UdpReply.Refused refused) {
                connectionIdExpiry = Instant.MIN;
                result.completeExceptionally(AnnounceException.refused(refused.message()));
            } else if (!connected && reply instanceof UdpReply.Connected c) {
                connectionId = c.connectionId();
                connectionIdExpiry = config.clock().instant().plus(config.udpConnectionIdLifetime());
                attempt(ch, request, n, result);
            } else if (connected && reply instanceof UdpReply.Announced a) {
                result.complete(a.response());
            } else {
                result.completeExceptionally(new AnnounceException(AnnounceException.Kind.MALFORMED,
                        "malformed UDP tracker reply: " + uri + " answered " + (connected ? "an announce" : "a connect")
                                + " with action " + (reply instanceof UdpReply.Connected ? "connect" : "announce")));
            }
        });
    }

    /** Sends one request and returns the future its reply (or timeout) completes; on the event loop. */
    private CompletableFuture<UdpReply> exchange(Channel ch, Duration timeout,
            IntFunction<ByteBuf> encode) {
        UdpTrackerClientHandler handler = ch.pipeline().get(UdpTrackerClientHandler.class);
        if (handler == null) {
            return CompletableFuture.failedFuture(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "UDP socket for tracker " + uri + " is closed"));
        }
        CorrelationTable.Registration<UdpReply> registration;
        try {
            registration = handler.register(timeout);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "UDP tracker " + uri + ": " + e.getMessage()));
        }
        int wireId = registration.id();
        ch.writeAndFlush(new DatagramPacket(encode.apply(wireId), handler.tracker())).addListener(f -> {
            if (!f.isSuccess()) {
                handler.fail(wireId, new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                        "cannot send to UDP tracker " + uri + ": " + f.cause(), f.cause()));
            }
        });
        return registration.future();
    }

    private synchronized CompletableFuture<Channel> open() {
        if (closed) {
            return CompletableFuture.failedFuture(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "UDP tracker client for " + uri + " is closed"));
        }
        if (channel == null || channel.isCompletedExceptionally()) {
            channel = CompletableFuture.supplyAsync(this::resolve).thenCompose(this::bind);
        }
        return channel;
    }

    private InetSocketAddress resolve() {
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        if (address.isUnresolved()) {
            throw new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "cannot resolve UDP tracker host " + uri.getHost());
        }
        return address;
    }

    private CompletableFuture<Channel> bind(InetSocketAddress tracker) {
        InetAddress trackerAddress = tracker.getAddress();
        InetSocketAddress local;
        if (trackerAddress.isLoopbackAddress()) {
            local = new InetSocketAddress(trackerAddress, 0);
        } else {
            local = new InetSocketAddress(trackerAddress instanceof Inet6Address ? "::" : "0.0.0.0", 0);
        }
        ChannelFuture bound = new Bootstrap()
                .group(group)
                .channel(transport.datagramChannelClass())
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new UdpTrackerClientHandler(tracker))
                .bind(local);
        CompletableFuture<Channel> result = new CompletableFuture<>();
        bound.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(bound.channel());
            } else {
                result.completeExceptionally(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                        "cannot open a UDP socket for tracker " + uri + ": " + f.cause(), f.cause()));
            }
        });
        synchronized (this) {
            if (closed) {
                bound.channel().close();
            }
        }
        return result;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (channel != null) {
            channel.thenAccept(Channel::close);
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
