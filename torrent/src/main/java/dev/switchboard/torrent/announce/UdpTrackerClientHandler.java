package dev.switchboard.torrent.announce;

import dev.switchboard.transport.CorrelationTable;
import dev.switchboard.transport.RateLimitedLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches BEP 15 replies to outstanding requests of one UDP tracker socket. Stateful, one per channel:
 * it owns the socket's {@link CorrelationTable}. Datagrams from another address than the tracker's,
 * too short or otherwise malformed, or with a transaction id nobody waits for, are dropped and
 * logged (rate-limited); the request they might have answered times out and is sent again.
 *
 * <p>Transaction ids on the wire are the table's ids XOR a random mask drawn per socket, so they
 * are not guessable from one announce to the next (BEP 15: "randomized by client").
 */
final class UdpTrackerClientHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    /** Requests outstanding at once on one tracker socket. */
    static final int MAX_OUTSTANDING = 64;
    private static final Logger LOG = LoggerFactory.getLogger(UdpTrackerClientHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InetSocketAddress tracker;
    private final RateLimitedLog dropped = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private final int mask = RANDOM.nextInt();
    private CorrelationTable<UdpReply> table;

    UdpTrackerClientHandler(InetSocketAddress tracker) {
        this.tracker = tracker;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        table = new CorrelationTable<>(ctx.executor(), MAX_OUTSTANDING, timeout -> new AnnounceException(
                AnnounceException.Kind.TIMEOUT, "no reply from UDP tracker " + tracker + " within "
                + timeout.toMillis() + " ms"));
    }

    InetSocketAddress tracker() {
        return tracker;
    }

    /** Registers a request; call on the channel's event loop. Returns the id to put on the wire. */
    CorrelationTable.Registration<UdpReply> register(Duration timeout) {
        CorrelationTable.Registration<UdpReply> registration = table.register(timeout);
        return new CorrelationTable.Registration<>(registration.id() ^ mask, registration.future());
    }

    /** Fails the request sent with {@code wireId}; call on the channel's event loop. */
    void fail(int wireId, Throwable cause) {
        table.fail(wireId ^ mask, cause);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (!tracker.equals(packet.sender())) {
            dropped.warn("UDP tracker client: dropped a datagram from {}, expected only {}", packet.sender(), tracker);
            return;
        }
        UdpReply reply;
        try {
            reply = UdpTrackerCodec.decode(packet.content(), tracker.getAddress() instanceof java.net.Inet6Address);
        } catch (AnnounceException e) {
            dropped.warn("UDP tracker client: dropped a reply from {}: {}", tracker, e.getMessage());
            return;
        }
        if (!table.complete(reply.transactionId() ^ mask, reply)) {
            dropped.warn("UDP tracker client: dropped a reply from {} with transaction id {} that no request has",
                    tracker, reply.transactionId());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        table.failAll(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                "UDP socket for tracker " + tracker + " closed"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        dropped.warn("UDP tracker client: socket error talking to {}: {}", tracker, cause.toString());
    }
}
