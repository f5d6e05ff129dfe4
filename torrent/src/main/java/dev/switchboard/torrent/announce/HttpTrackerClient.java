package dev.switchboard.torrent.announce;

import dev.switchboard.torrent.PercentEncoding;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Announces to one HTTP(S) tracker (BEP 3) over Netty, on the event loop the UDP trackers share: one
 * connection per announce ({@code Connection: close}), redirects followed up to
 * {@value #MAX_REDIRECTS} times, HTTPS with the JDK's trust store and host name verification. The
 * query carries {@code info_hash} and {@code peer_id} percent-encoded byte by byte,
 * {@code compact=1}, and the tracker id the tracker last gave. The reply is read up to
 * {@link AnnounceConfig#maxResponseBytes()} and parsed strictly; the whole exchange, redirects
 * included, is bounded by {@link AnnounceConfig#httpTimeout()}. The host name is resolved off the
 * event loop. Thread-safe.
 *
 * <p>Netty rather than the JDK's {@code java.net.http} client: the peer already runs on Netty, so
 * the first announce of a download costs a connection, not a second HTTP stack started cold (a new
 * JDK client took 0.5-0.8 s to its first reply on this machine, most of a small download's start).
 */
public final class HttpTrackerClient implements TrackerClient {
    static final int MAX_REDIRECTS = 5;
    /** Longest status line or header line, and all headers together, read from a tracker. */
    private static final int MAX_LINE = 8192;

    private final URI uri;
    private final EventLoopGroup group;
    private final Transport transport;
    private final Supplier<SslContext> tls;
    private final AnnounceConfig config;
    private volatile String trackerId;

    /**
     * @param group the event loop the connections run on (shared, see {@link TrackerClients})
     * @param tls the TLS client context for https URLs, made on first use
     */
    public HttpTrackerClient(URI uri, EventLoopGroup group, Transport transport, Supplier<SslContext> tls,
            AnnounceConfig config) {
        if (!isHttp(uri)) {
            throw new IllegalArgumentException("not an HTTP tracker URL: " + uri);
        }
        this.uri = uri;
        this.group = group;
        this.transport = transport;
        this.tls = tls;
        this.config = config;
    }

    private static boolean isHttp(URI target) {
        String scheme = target.getScheme();
        return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && target.getHost() != null;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(AnnounceRequest request) {
        CompletableFuture<HttpExchange.Reply> reply = new CompletableFuture<>();
        fetch(announceUri(uri, request, trackerId), 0, reply);
        return reply.orTimeout(config.httpTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw translate(AnnounceException.unwrap(failure));
                    }
                    return reply(response);
                });
    }

    /**
     * GETs {@code target} and completes {@code result} with the reply, or with the reply at the end
     * of the redirects it asks for. Every connection closes when {@code result} completes, so the
     * timeout on it ends whatever is still open.
     */
    private void fetch(URI target, int redirects, CompletableFuture<HttpExchange.Reply> result) {
        CompletableFuture<HttpExchange.Reply> hop = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> resolve(target)) // a name lookup may block: not on the event loop
                .thenAccept(address -> connect(target, address, hop, result))
                .exceptionally(failure -> {
                    hop.completeExceptionally(AnnounceException.unwrap(failure));
                    return null;
                });
        hop.whenComplete((reply, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (isRedirect(reply.status()) && reply.location() != null) {
                redirect(target, reply.location(), redirects, result);
            } else {
                result.complete(reply);
            }
        });
    }

    private void redirect(URI from, String location, int redirects, CompletableFuture<HttpExchange.Reply> result) {
        if (redirects >= MAX_REDIRECTS) {
            result.completeExceptionally(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "tracker " + uri + " redirected more than " + MAX_REDIRECTS + " times"));
            return;
        }
        URI next;
        try {
            next = from.resolve(location);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new AnnounceException(AnnounceException.Kind.MALFORMED,
                    "tracker " + uri + " redirected to a malformed location: " + location));
            return;
        }
        if (!isHttp(next)) {
            result.completeExceptionally(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "tracker " + uri + " redirected to " + next + ", not an HTTP URL"));
            return;
        }
        fetch(next, redirects + 1, result);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static int port(URI target) {
        if (target.getPort() != -1) {
            return target.getPort();
        }
        return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
    }

    private static InetSocketAddress resolve(URI target) {
        InetSocketAddress address = new InetSocketAddress(target.getHost(), port(target));
        if (address.isUnresolved()) {
            throw new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "cannot resolve tracker host " + target.getHost());
        }
        return address;
    }

    private void connect(URI target, InetSocketAddress address, CompletableFuture<HttpExchange.Reply> hop,
            CompletableFuture<HttpExchange.Reply> result) {
        SslContext context = "https".equalsIgnoreCase(target.getScheme()) ? tls.get() : null;
        ChannelFuture connected = new Bootstrap()
                .group(group)
                .channel(transport.socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.httpTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (context != null) {
                            p.addLast(verifyingHost(context.newHandler(ch.alloc(), target.getHost(), port(target))));
                        }
                        p.addLast(new HttpClientCodec(MAX_LINE, MAX_LINE, MAX_LINE));
                        p.addLast(new HttpExchange(config.maxResponseBytes(), hop));
                    }
                })
                .connect(address);
        Channel channel = connected.channel();
        result.whenComplete((reply, failure) -> channel.close());
        connected.addListener(f -> {
            if (f.isSuccess()) {
                channel.writeAndFlush(get(target));
            } else {
                hop.completeExceptionally(new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                        "cannot reach tracker " + uri + ": " + f.cause(), f.cause()));
            }
        });
    }

    /** The certificate must name the host connected to, as browsers and the JDK's HTTP client check. */
    private static SslHandler verifyingHost(SslHandler handler) {
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }

    private static FullHttpRequest get(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (target.getRawQuery() != null) {
            path += "?" + target.getRawQuery();
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path,
                Unpooled.EMPTY_BUFFER);
        String host = target.getHost();
        request.headers()
                .set(HttpHeaderNames.HOST, target.getPort() == -1 ? host : host + ":" + target.getPort())
                .set(HttpHeaderNames.USER_AGENT, "Switchboard")
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return request;
    }

    private AnnounceResponse reply(HttpExchange.Reply response) {
        if (response.status() != 200) {
            try {
                BencodedAnnounceReply.parse(response.body(), config.maxResponseBytes());
            } catch (AnnounceException e) {
                if (e.kind() == AnnounceException.Kind.REFUSED) {
                    throw e; // some trackers refuse with a 4xx and a failure reason
                }
            }
            throw new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "tracker " + uri + " answered HTTP " + response.status());
        }
        AnnounceResponse parsed = BencodedAnnounceReply.parse(response.body(), config.maxResponseBytes());
        parsed.trackerId().ifPresent(id -> trackerId = id);
        return parsed;
    }

    private AnnounceException translate(Throwable failure) {
        if (failure instanceof AnnounceException e) {
            return e;
        }
        if (failure instanceof TimeoutException) {
            return new AnnounceException(AnnounceException.Kind.TIMEOUT,
                    "tracker " + uri + " did not answer within " + config.httpTimeout().toMillis() + " ms", failure);
        }
        return new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                "announce to " + uri + " failed: " + failure, failure);
    }

    /** The announce URL: the tracker's own URL (its query kept) plus the BEP 3 parameters. */
    static URI announceUri(URI base, AnnounceRequest request, String trackerId) {
        StringBuilder query = new StringBuilder()
                .append("info_hash=").append(PercentEncoding.encode(request.infoHash().bytes()))
                .append("&peer_id=").append(PercentEncoding.encode(request.peerId().bytes()))
                .append("&port=").append(request.port())
                .append("&uploaded=").append(request.uploaded())
                .append("&downloaded=").append(request.downloaded())
                .append("&left=").append(request.left())
                .append("&compact=1")
                .append("&key=").append(String.format("%08X", request.key()));
        if (request.numWant() != AnnounceRequest.NUMWANT_DEFAULT) {
            query.append("&numwant=").append(request.numWant());
        }
        if (request.event() != AnnounceEvent.NONE) {
            query.append("&event=").append(eventName(request.event()));
        }
        if (trackerId != null) {
            query.append("&trackerid=").append(PercentEncoding.encode(trackerId.getBytes(StandardCharsets.UTF_8)));
        }
        String text = base.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        char separator = base.getRawQuery() == null ? '?' : '&';
        return URI.create(text + separator + query);
    }

    private static String eventName(AnnounceEvent event) {
        return switch (event) {
            case STARTED -> "started";
            case COMPLETED -> "completed";
            case STOPPED -> "stopped";
            case NONE -> "";
        };
    }

    /** Nothing to release: each announce's connection closes with it; the event loop belongs to whoever made it. */
    @Override
    public void close() {
    }
}
