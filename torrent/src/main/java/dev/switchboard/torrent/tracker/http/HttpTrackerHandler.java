package dev.switchboard.torrent.tracker.http;

import dev.switchboard.torrent.tracker.AnnounceResult;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerFamilies;
import dev.switchboard.torrent.tracker.ScrapeStats;
import dev.switchboard.torrent.tracker.TrackerException;
import dev.switchboard.torrent.tracker.TrackerState;
import dev.switchboard.transport.RateLimitedLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /announce} and {@code GET /scrape}. A request the tracker refuses (a missing or
 * bad parameter, an unknown torrent) gets {@code 200} with a bencoded {@code failure reason}, which is
 * what clients show their users; a request that is not a tracker request at all gets a 4xx status
 * with the same kind of body. Stateless, so one instance serves every connection.
 */
@Sharable
public final class HttpTrackerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** After a request that breaks HTTP, how long the rest of it is read and dropped before closing. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(HttpTrackerHandler.class);
    private static final int MAX_PARAMETERS = 256;

    private final TrackerState state;
    private final RateLimitedLog badRequests = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public HttpTrackerHandler(TrackerState state) {
        this.state = state;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            rejectMalformed(ctx, request.decoderResult().cause());
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served here", false);
            return;
        }
        RequestTarget target = RequestTarget.parse(request.uri());
        try {
            switch (target.path()) {
                case "/announce" -> reply(ctx, HttpResponseStatus.OK, announce(ctx, target), keepAlive);
                case "/scrape" -> reply(ctx, HttpResponseStatus.OK, scrape(target), keepAlive);
                default -> reply(ctx, HttpResponseStatus.NOT_FOUND,
                        "not found: this tracker serves /announce and /scrape", keepAlive);
            }
        } catch (TrackerException e) {
            badRequests.warn("tracker: refused HTTP {} from {}: {}", target.path(), ctx.channel().remoteAddress(),
                    e.reason());
            reply(ctx, HttpResponseStatus.OK, e.reason(), keepAlive);
        }
    }

    private byte[] announce(ChannelHandlerContext ctx, RequestTarget target) {
        QueryString query = QueryString.parse(target.query(), MAX_PARAMETERS);
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        HttpAnnounce announce = HttpAnnounce.from(query, remote.getAddress());
        AnnounceResult result = state.announce(announce.announce(), PeerFamilies.BOTH);
        return BencodedReplies.announce(result, announce.compact(), announce.noPeerId());
    }

    private byte[] scrape(RequestTarget target) {
        QueryString query = QueryString.parse(target.query(), MAX_PARAMETERS);
        HttpScrape scrape = HttpScrape.from(query, state.config().maxScrapeHashes());
        Map<InfoHash, ScrapeStats> stats = new LinkedHashMap<>();
        for (InfoHash infoHash : scrape.infoHashes()) {
            stats.put(infoHash, state.scrape(infoHash));
        }
        return BencodedReplies.scrape(stats);
    }

    private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String failureReason, boolean keepAlive) {
        reply(ctx, status, BencodedReplies.failure(failureReason), keepAlive);
    }

    private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false); // the client is not reading its replies
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Answers a request that is not valid HTTP (or too long) and ends the connection. The codec now
     * drops whatever else arrives; the output is shut after the reply and the rest of the request is
     * read for a moment, so that a client still sending gets the reply instead of a reset.
     */
    private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status;
        String reason;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            reason = "request line too long: at most " + state.config().maxRequestLineLength() + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            reason = "request headers too large: at most " + state.config().maxHeaderSize() + " bytes";
        } else if (cause instanceof TooLongFrameException) {
            status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            reason = "request too large";
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
            reason = "malformed HTTP request";
        }
        badRequests.warn("tracker: {} from {}: {}", status.code(), ctx.channel().remoteAddress(), reason);
        byte[] body = BencodedReplies.failure(reason);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(f -> {
            if (!f.isSuccess() || !(ctx.channel() instanceof SocketChannel socket)) {
                ctx.close();
                return;
            }
            socket.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException)) {
            badRequests.warn("tracker: closing HTTP connection from {}: {}", ctx.channel().remoteAddress(),
                    cause.toString());
        }
        ctx.close();
    }

    /** The path and raw query of a request target (origin-form, or absolute-form as proxies send it). */
    record RequestTarget(String path, byte[] query) {
        static RequestTarget parse(String uri) {
            String target = uri;
            int scheme = target.indexOf("://");
            if (scheme > 0 && scheme < target.indexOf('/')) {
                int pathStart = target.indexOf('/', scheme + 3);
                target = pathStart < 0 ? "/" : target.substring(pathStart);
            }
            int fragment = target.indexOf('#');
            if (fragment >= 0) {
                target = target.substring(0, fragment);
            }
            int question = target.indexOf('?');
            String path = question < 0 ? target : target.substring(0, question);
            String query = question < 0 ? "" : target.substring(question + 1);
            // the codec maps each byte of the request line to one char, so this gives the bytes back
            return new RequestTarget(path, query.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
