package dev.switchboard.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits what one remote address may do: connections open at once and new connections per second
 * (a token bucket of {@code connectsPerSecond} tokens, refilled continuously). A connection past
 * either limit is closed at once, with one (rate-limited) log line naming the address and the limit.
 * Shared by all child channels of one server; place it after {@link ConnectionLimiter}, so only
 * connections the server admitted are counted.
 *
 * <p>The table of addresses is bounded: an address with nothing open is forgotten once its bucket
 * is full again, and when the table reaches {@code maxTracked} every address with nothing open is
 * dropped (so many addresses passing through can only cost it their rate history, never memory).
 * Decisions are taken under one lock; they are a few map operations per accepted connection.
 */
@Sharable
public final class AddressLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AddressLimiter.class);

    /** What happened to one connection attempt. */
    public enum Verdict { ADMITTED, TOO_MANY_OPEN, TOO_FAST }

    private final String serverName;
    private final int maxPerAddress;
    private final int connectsPerSecond;
    private final int maxTracked;
    private final Clock clock;
    private final Map<InetAddress, Entry> addresses = new HashMap<>();
    private final RateLimitedLog refusals;

    /**
     * @param maxPerAddress connections open at once from one address; 0: no limit
     * @param connectsPerSecond new connections per second from one address (also the burst); 0: no limit
     * @param maxTracked addresses remembered at most
     */
    public AddressLimiter(String serverName, int maxPerAddress, int connectsPerSecond, int maxTracked, Clock clock) {
        if (maxPerAddress < 0 || connectsPerSecond < 0 || maxTracked < 1) {
            throw new IllegalArgumentException("address limits must not be negative");
        }
        this.serverName = serverName;
        this.maxPerAddress = maxPerAddress;
        this.connectsPerSecond = connectsPerSecond;
        this.maxTracked = maxTracked;
        this.clock = clock;
        this.refusals = new RateLimitedLog(LOG, Duration.ofSeconds(1), clock);
    }

    /** Whether any limit is set; a server can leave an inactive limiter out of its pipeline. */
    public boolean isActive() {
        return maxPerAddress > 0 || connectsPerSecond > 0;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        InetAddress address = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        Verdict verdict = address == null ? Verdict.ADMITTED : admit(address);
        if (verdict != Verdict.ADMITTED) {
            refusals.warn("{}: refused connection from {}: {}", serverName, Addresses.format(remote),
                    verdict == Verdict.TOO_MANY_OPEN
                            ? maxPerAddress + " connections open from that address, limit is " + maxPerAddress
                                    + " (--max-connections-per-address)"
                            : "more than " + connectsPerSecond + " connections per second from that address"
                                    + " (--max-connect-rate-per-address)");
            ctx.close();
            return;
        }
        if (address != null) {
            ctx.channel().closeFuture().addListener(f -> closed(address));
        }
        ctx.pipeline().remove(ctx.name());
        ctx.fireChannelActive();
    }

    /** Counts a new connection from {@code address} if the limits allow it. */
    public synchronized Verdict admit(InetAddress address) {
        long now = clock.millis();
        Entry entry = addresses.get(address);
        if (entry == null) {
            if (addresses.size() >= maxTracked) {
                forgetIdle();
            }
            entry = new Entry(connectsPerSecond, now);
            addresses.put(address, entry);
        }
        if (maxPerAddress > 0 && entry.open >= maxPerAddress) {
            return Verdict.TOO_MANY_OPEN;
        }
        if (entry.connects != null && !entry.connects.tryTake(1, now)) {
            return Verdict.TOO_FAST;
        }
        entry.open++;
        return Verdict.ADMITTED;
    }

    /** A connection {@link #admit} counted has closed. */
    public synchronized void closed(InetAddress address) {
        Entry entry = addresses.get(address);
        if (entry != null && entry.open > 0) {
            entry.open--;
            if (entry.open == 0 && entry.isRested(clock.millis())) {
                addresses.remove(address);
            }
        }
    }

    /** Addresses remembered right now (open connections or recent connects). */
    public synchronized int trackedAddresses() {
        return addresses.size();
    }

    private void forgetIdle() {
        for (Iterator<Entry> it = addresses.values().iterator(); it.hasNext(); ) {
            if (it.next().open == 0) {
                it.remove();
            }
        }
    }

    /** One address: its open connections and, with a connect rate, its bucket. */
    private static final class Entry {
        final TokenBucket connects;
        int open;

        Entry(int perSecond, long now) {
            this.connects = perSecond == 0 ? null : new TokenBucket(perSecond, perSecond, now);
        }

        boolean isRested(long now) {
            return connects == null || connects.isFull(now);
        }
    }
}
