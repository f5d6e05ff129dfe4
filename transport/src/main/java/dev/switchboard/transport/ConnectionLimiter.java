package dev.switchboard.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a server's open connections and closes each new one past the limit at once, with one
 * (rate-limited) log line per refusal. Shared by all child channels of one server.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);
    private final String serverName;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    /** One listener for every connection's close, not a new one per connection (memory per idle connection). */
    private final ChannelFutureListener closed = f -> open.decrementAndGet();
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, Duration.ofSeconds(1));

    public ConnectionLimiter(String serverName, int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        this.serverName = serverName;
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int now = open.incrementAndGet();
        ctx.channel().closeFuture().addListener(closed);
        if (now > maxConnections) {
            refusals.warn("{}: refused connection from {}: {} connections open, limit is {} (--max-connections)",
                    serverName, ctx.channel().remoteAddress(), now - 1, maxConnections);
            ctx.close();
            return;
        }
        ctx.pipeline().remove(ctx.name());
        ctx.fireChannelActive();
    }

    /** Connections open right now, counting ones being refused. */
    public int openConnections() {
        return open.get();
    }

    public int maxConnections() {
        return maxConnections;
    }
}
