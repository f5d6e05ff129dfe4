package dev.switchboard.mqtt.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * MQTT over WebSocket carries MQTT bytes in binary frames with no alignment between the two: a
 * packet may span frames and a frame may hold several packets (MQTT 5.0 section 6). Inbound, the
 * content of binary and continuation frames goes on as a plain byte stream for the MQTT decoder
 * to reassemble; a text frame closes the connection with 1003. Outbound, every buffer the MQTT
 * encoder writes becomes one binary frame. Ping, pong and close frames are handled before this
 * by Netty's WebSocket protocol handler. Stateless.
 */
@Sharable
public final class WebSocketFrameAdapter extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
    public static final WebSocketFrameAdapter INSTANCE = new WebSocketFrameAdapter();

    private WebSocketFrameAdapter() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        out.add(new BinaryWebSocketFrame(msg.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    "MQTT over WebSocket uses binary frames")).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
