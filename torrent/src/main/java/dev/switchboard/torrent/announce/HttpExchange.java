package dev.switchboard.torrent.announce;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * Reads one HTTP response on a connection that carries one request: the status, the Location
 * header and the body, kept up to a limit. A body that declares or turns out to be longer fails the
 * exchange as malformed and drops the connection (the rest is never read), as does a response the
 * codec cannot parse; a connection that ends before the response does fails it as unreachable.
 * The channel is closed once the result is known. On the channel's event loop.
 */
final class HttpExchange extends SimpleChannelInboundHandler<HttpObject> {
    /** What came back: the status code, the Location header (or null) and the body. */
    record Reply(int status, String location, byte[] body) {
    }

    private final int maxBytes;
    private final CompletableFuture<Reply> result;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = -1;
    private String location;

    HttpExchange(int maxBytes, CompletableFuture<Reply> result) {
        this.maxBytes = maxBytes;
        this.result = result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (result.isDone()) {
            return;
        }
        if (msg.decoderResult().isFailure()) {
            fail(ctx, new AnnounceException(AnnounceException.Kind.MALFORMED,
                    "malformed HTTP reply: " + msg.decoderResult().cause().getMessage()));
            return;
        }
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            location = response.headers().get(HttpHeaderNames.LOCATION);
            long declared = HttpUtil.getContentLength(response, -1L);
            if (declared > maxBytes) {
                fail(ctx, tooLarge(Long.toString(declared)));
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            ByteBuf data = content.content();
            if (body.size() + (long) data.readableBytes() > maxBytes) {
                fail(ctx, tooLarge("more than " + maxBytes));
                return;
            }
            body.writeBytes(ByteBufUtil.getBytes(data));
            if (msg instanceof LastHttpContent) {
                result.complete(new Reply(status, location, body.toByteArray()));
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                "the tracker closed the connection before its reply was complete"));
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            fail(ctx, tlsFailed(handshake.cause()));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SSLException tls = tlsCause(cause);
        if (tls != null) {
            fail(ctx, tlsFailed(tls));
        } else if (cause instanceof IOException) {
            fail(ctx, new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "connection to the tracker failed: " + cause, cause));
        } else {
            fail(ctx, new AnnounceException(AnnounceException.Kind.MALFORMED, "malformed HTTP reply: " + cause, cause));
        }
    }

    private static SSLException tlsCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    /** An untrusted certificate, one for another host, no common protocol: the tracker cannot be reached safely. */
    private static AnnounceException tlsFailed(Throwable cause) {
        SSLException tls = tlsCause(cause);
        Throwable reason = tls != null ? tls : cause;
        return new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                "TLS handshake with the tracker failed: " + reason.getMessage(), cause);
    }

    private void fail(ChannelHandlerContext ctx, AnnounceException failure) {
        result.completeExceptionally(failure);
        ctx.close();
    }

    private AnnounceException tooLarge(String size) {
        return new AnnounceException(AnnounceException.Kind.MALFORMED,
                "announce reply too large: " + size + " bytes, at most " + maxBytes);
    }
}
