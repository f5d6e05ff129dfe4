package dev.switchboard.reqrep.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Frames written out as bytes field by field, and small drivers for the codec, shared by the codec
 * tests. The drivers release every buffer they create or read, and use no Jupiter extension, so the
 * jqwik properties can use them too.
 */
final class Wire {
    private Wire() {
    }

    /** Concatenates hex fields into bytes: one field per argument, so each can carry a comment. */
    static byte[] hex(String... fields) {
        return HexFormat.of().parseHex(String.join("", fields));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] REQUEST = hex(
            "0000000d", // length 13
            "01", // type request
            "00", // flags
            "00000001", // id 1
            "04", // route length 4
            "6563686f", // route "echo"
            "6869"); // body "hi"
    static final Frame REQUEST_FRAME = new Frame.Request(1, "echo", utf8("hi"));

    static final byte[] REQUEST_UTF8 = hex(
            "0000000f", // length 15
            "01", // type request
            "00", // flags
            "7fffffff", // id 2147483647
            "05", // route length 5 (bytes, not chars)
            "636166c3a9", // route "café"
            "00ff00"); // body 00 ff 00
    static final Frame REQUEST_UTF8_FRAME = new Frame.Request(Integer.MAX_VALUE, "café", new byte[] {0, -1, 0});

    static final byte[] RESPONSE = hex(
            "00000008", // length 8
            "02", // type response
            "00", // flags
            "80000001", // id 0x80000001 (unsigned on the wire, negative as a Java int)
            "6f6b"); // body "ok"
    static final Frame RESPONSE_FRAME = new Frame.Response(0x80000001, utf8("ok"));

    static final byte[] ERROR = hex(
            "00000010", // length 16
            "03", // type error
            "00", // flags
            "00000002", // id 2
            "ffff", // code 65535 (unsigned)
            "6e6f20726f757465"); // message "no route"
    static final Frame ERROR_FRAME = new Frame.Error(2, 65535, "no route");

    static final byte[] PING = hex(
            "0000000e", // length 14
            "04", // type ping
            "00", // flags
            "00000000", // id 0
            "8000000000000001"); // payload 0x8000000000000001
    static final Frame PING_FRAME = new Frame.Ping(0x8000000000000001L);

    static final byte[] PONG = hex(
            "0000000e", // length 14
            "05", // type pong
            "00", // flags
            "00000000", // id 0
            "0102030405060708"); // payload 0x0102030405060708
    static final Frame PONG_FRAME = new Frame.Pong(0x0102030405060708L);

    static final byte[] GOAWAY = hex(
            "00000010", // length 16
            "06", // type goaway
            "00", // flags
            "00000000", // id 0
            "0008", // code 8 (SHUTTING_DOWN)
            "647261696e696e67"); // message "draining"
    static final Frame GOAWAY_FRAME = new Frame.GoAway(8, "draining");

    static final List<Frame> ALL_FRAMES = List.of(
            REQUEST_FRAME, RESPONSE_FRAME, ERROR_FRAME, PING_FRAME, PONG_FRAME, GOAWAY_FRAME, REQUEST_UTF8_FRAME);
    static final byte[] ALL_BYTES = concat(REQUEST, RESPONSE, ERROR, PING, PONG, GOAWAY, REQUEST_UTF8);

    /** Feeds each chunk as its own read into a fresh decoder and returns every frame it produced. */
    static List<Frame> decode(int max, byte[]... chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(max));
        try {
            for (byte[] chunk : chunks) {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
            return drain(channel);
        } finally {
            assertThat(channel.finishAndReleaseAll()).as("messages left in the channel").isFalse();
        }
    }

    /** Every frame waiting in the channel's inbound queue. */
    static List<Frame> drain(EmbeddedChannel channel) {
        List<Frame> frames = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            if (!(msg instanceof Frame frame)) {
                ReferenceCountUtil.release(msg);
                return fail("decoder produced a non-frame: " + msg);
            }
            frames.add(frame);
        }
        return frames;
    }

    /** Writes the frames through a {@link FrameEncoder} pipeline and returns the bytes it sent. */
    static byte[] encode(Frame... frames) {
        EmbeddedChannel channel = new EmbeddedChannel(FrameEncoder.INSTANCE);
        try {
            assertThat(channel.writeOutbound((Object[]) frames)).isTrue();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Object msg; (msg = channel.readOutbound()) != null; ) {
                try {
                    assertThat(msg).isInstanceOf(ByteBuf.class);
                    all.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
            return all.toByteArray();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
