package dev.switchboard.mqtt.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binary WebSocket frames in, a byte stream for the MQTT decoder out; buffers out, binary frames back. */
class WebSocketFrameAdapterTest {
    /** CONNECT 3.1.1, clean session, keep alive 60, client id "ws". */
    private static final byte[] CONNECT = HexFormat.of().parseHex(
            "100e" // CONNECT, remaining length 14
            + "00044d515454" // protocol name "MQTT"
            + "04" // protocol level 4 (3.1.1)
            + "02" // flags: clean session
            + "003c" // keep alive 60 s
            + "00027773"); // client id "ws"
    /** PINGREQ. */
    private static final byte[] PINGREQ = HexFormat.of().parseHex("c000");

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(WebSocketFrameAdapter.INSTANCE, new MqttDecoder(1024));
    }

    private static List<MqttMessageType> readTypes(EmbeddedChannel ch) {
        List<MqttMessageType> types = new ArrayList<>();
        MqttMessage m;
        while ((m = ch.readInbound()) != null) {
            assertThat(m.decoderResult().isSuccess()).as("decoded %s", m).isTrue();
            types.add(m.fixedHeader().messageType());
            ReferenceCountUtil.release(m);
        }
        return types;
    }

    @Test
    void packetSplitAtEveryPointAcrossTwoFramesIsReassembled() {
        for (int split = 1; split < CONNECT.length; split++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(new BinaryWebSocketFrame(Unpooled.copiedBuffer(CONNECT, 0, split)));
            assertThat(readTypes(ch)).as("after first part, split at %d", split).isEmpty();
            ch.writeInbound(new BinaryWebSocketFrame(Unpooled.copiedBuffer(CONNECT, split, CONNECT.length - split)));
            assertThat(readTypes(ch)).as("split at %d", split).containsExactly(MqttMessageType.CONNECT);
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void continuationFramesCarryMqttBytesToo() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.copiedBuffer(CONNECT, 0, 5)));
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer(CONNECT, 5, CONNECT.length - 5)));
        assertThat(readTypes(ch)).containsExactly(MqttMessageType.CONNECT);
        ch.finishAndReleaseAll();
    }

    @Test
    void oneFrameHoldingSeveralPacketsGivesThemAll() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(CONNECT, PINGREQ, PINGREQ)));
        assertThat(readTypes(ch)).containsExactly(MqttMessageType.CONNECT, MqttMessageType.PINGREQ,
                MqttMessageType.PINGREQ);
        ch.finishAndReleaseAll();
    }

    @Test
    void outgoingBuffersBecomeBinaryFrames() {
        EmbeddedChannel ch = new EmbeddedChannel(WebSocketFrameAdapter.INSTANCE);
        ch.writeOutbound(Unpooled.wrappedBuffer(PINGREQ));
        BinaryWebSocketFrame frame = ch.readOutbound();
        assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(PINGREQ);
        assertThat(frame.isFinalFragment()).isTrue();
        frame.release();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void textFrameIsAnsweredWithClose1003AndTheConnectionCloses() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new TextWebSocketFrame("{\"hello\":1}"));
        assertThat(readTypes(ch)).isEmpty();
        CloseWebSocketFrame close = ch.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1003);
        close.release();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void frameBuffersAreReleasedOnceTheDecoderIsDone() {
        EmbeddedChannel ch = channel();
        ByteBuf content = Unpooled.copiedBuffer(PINGREQ);
        ch.writeInbound(new BinaryWebSocketFrame(content));
        assertThat(readTypes(ch)).containsExactly(MqttMessageType.PINGREQ);
        assertThat(content.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }
}
