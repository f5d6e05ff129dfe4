package dev.switchboard.mqtt.websocket;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Checks the HTTP upgrade request before Netty's WebSocket handshake sees it, and answers what
 * that handshake would let through or answer vaguely: an oversized or malformed request (414,
 * 431, 400), another path (404), not GET (405), not a WebSocket upgrade (400), no {@code mqtt}
 * or {@code mqttv3.1} in Sec-WebSocket-Protocol (400). Each answer closes the connection. A good
 * request goes on to the handshake and the gate leaves the pipeline. Stateless.
 */
@Sharable
public final class WebSocketUpgradeGate extends ChannelInboundHandlerAdapter {
    /** Subprotocols accepted, in the server's order of preference. */
    public static final List<String> SUBPROTOCOLS = List.of("mqtt", "mqttv3.1");

    private final String path;

    public WebSocketUpgradeGate(String path) {
        this.path = path;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String refusal;
        HttpResponseStatus status;
        try {
            Throwable failure = request.decoderResult().cause();
            if (failure instanceof TooLongHttpLineException) {
                status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
                refusal = "request line too long";
            } else if (failure instanceof TooLongHttpHeaderException) {
                status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                refusal = "request headers too large";
            } else if (failure != null) {
                status = HttpResponseStatus.BAD_REQUEST;
                refusal = "malformed HTTP request: " + failure.getMessage();
            } else if (!new QueryStringDecoder(request.uri()).path().equals(path)) {
                status = HttpResponseStatus.NOT_FOUND;
                refusal = "nothing here; MQTT over WebSocket is served on " + path;
            } else if (!HttpMethod.GET.equals(request.method())) {
                status = HttpResponseStatus.METHOD_NOT_ALLOWED;
                refusal = "only GET upgrades to a WebSocket";
            } else if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                status = HttpResponseStatus.BAD_REQUEST;
                refusal = "not a WebSocket upgrade (Upgrade: websocket missing)";
            } else if (!offersMqtt(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
                status = HttpResponseStatus.BAD_REQUEST;
                refusal = "Sec-WebSocket-Protocol must offer mqtt or mqttv3.1";
            } else {
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(msg);
                return;
            }
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(msg);
            throw e;
        }
        ReferenceCountUtil.release(msg);
        refuse(ctx, status, refusal);
    }

    private static boolean offersMqtt(String header) {
        if (header == null) {
            return false;
        }
        for (String offered : header.split(",")) {
            if (SUBPROTOCOLS.contains(offered.trim())) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                ByteBufUtil.writeUtf8(ctx.alloc(), reason + "\n"));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
