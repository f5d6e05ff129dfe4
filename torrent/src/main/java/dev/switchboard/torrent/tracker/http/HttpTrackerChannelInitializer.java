package dev.switchboard.torrent.tracker.http;

import static dev.switchboard.torrent.tracker.ChannelHandlerNames.CONNECTION_LIMITER;
import static dev.switchboard.torrent.tracker.ChannelHandlerNames.HTTP_AGGREGATOR;
import static dev.switchboard.torrent.tracker.ChannelHandlerNames.HTTP_CODEC;
import static dev.switchboard.torrent.tracker.ChannelHandlerNames.HTTP_TRACKER;
import static dev.switchboard.torrent.tracker.ChannelHandlerNames.READ_TIMEOUT;

import dev.switchboard.torrent.tracker.TrackerConfig;
import dev.switchboard.transport.ConnectionLimiter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;

/**
 * The whole HTTP tracker pipeline:
 *
 * <pre>
 * connection-limiter -> read-timeout -> http-codec -> http-aggregator -> http-tracker
 * </pre>
 *
 * The codec bounds the request line and the headers; the aggregator bounds a body (announces and
 * scrapes have none); {@code http-tracker} is shared by every connection and holds no state.
 */
public final class HttpTrackerChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** A request body larger than this is refused with 413: tracker requests are GETs without one. */
    static final int MAX_BODY = 4096;

    private final TrackerConfig config;
    private final ConnectionLimiter limiter;
    private final HttpTrackerHandler handler;
    private final ChannelGroup channels;

    public HttpTrackerChannelInitializer(TrackerConfig config, ConnectionLimiter limiter, HttpTrackerHandler handler,
            ChannelGroup channels) {
        this.config = config;
        this.limiter = limiter;
        this.handler = handler;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(CONNECTION_LIMITER, limiter);
        p.addLast(READ_TIMEOUT, new ReadTimeoutHandler(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast(HTTP_CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestLineLength())
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxChunkSize(MAX_BODY)));
        p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_BODY));
        p.addLast(HTTP_TRACKER, handler);
    }
}
