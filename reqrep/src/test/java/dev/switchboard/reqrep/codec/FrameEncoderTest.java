package dev.switchboard.reqrep.codec;

import static dev.switchboard.reqrep.codec.Wire.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {
    private static final int MAX = 1 << 16;

    /** Compares as hex so that a failure shows both sides readably. */
    private static void assertBytes(byte[] actual, byte[] expected) {
        assertThat(HexFormat.of().formatHex(actual)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Nested
    class ExactBytes {
        @Test
        void request() {
            assertBytes(encode(REQUEST_FRAME), REQUEST);
        }

        @Test
        void requestRouteLengthCountsUtf8Bytes() {
            assertBytes(encode(REQUEST_UTF8_FRAME), REQUEST_UTF8);
        }

        @Test
        void requestWithLongestRouteAndEmptyBody() {
            String route = "é".repeat(127) + "x"; // 255 bytes of UTF-8 in 128 chars
            assertBytes(encode(new Frame.Request(-1, route, new byte[0])), concat(hex(
                    "00000106", // length 262
                    "01", // type request
                    "00", // flags
                    "ffffffff", // id 0xffffffff
                    "ff"), // route length 255
                    utf8(route))); // route, body: none
        }

        @Test
        void response() {
            assertBytes(encode(RESPONSE_FRAME), RESPONSE);
        }

        @Test
        void responseWithEmptyBody() {
            assertBytes(encode(new Frame.Response(3, new byte[0])), hex(
                    "00000006", // length 6
                    "02", // type response
                    "00", // flags
                    "00000003")); // id 3, body: none
        }

        @Test
        void error() {
            assertBytes(encode(ERROR_FRAME), ERROR);
        }

        @Test
        void errorWithMultiByteMessage() {
            assertBytes(encode(new Frame.Error(0, 1000, "€!")), hex(
                    "0000000c", // length 12
                    "03", // type error
                    "00", // flags
                    "00000000", // id 0
                    "03e8", // code 1000
                    "e282ac21")); // message "€!" (4 bytes)
        }

        @Test
        void ping() {
            assertBytes(encode(PING_FRAME), PING);
        }

        @Test
        void pong() {
            assertBytes(encode(PONG_FRAME), PONG);
        }

        @Test
        void goAway() {
            assertBytes(encode(GOAWAY_FRAME), GOAWAY);
        }

        @Test
        void severalFramesBackToBack() {
            assertBytes(encode(ALL_FRAMES.toArray(Frame[]::new)), ALL_BYTES);
        }

        @Test
        void staticWriteMatchesThePipeline() {
            ByteBuf out = Unpooled.buffer();
            try {
                for (Frame frame : ALL_FRAMES) {
                    FrameEncoder.write(frame, out);
                }
                assertBytes(ByteBufUtil.getBytes(out), ALL_BYTES);
            } finally {
                out.release();
            }
        }

        @Test
        void bodyLengthIsTheLengthField() {
            assertThat(FrameEncoder.bodyLength(REQUEST_FRAME)).isEqualTo(13);
            assertThat(FrameEncoder.bodyLength(REQUEST_UTF8_FRAME)).isEqualTo(15);
            assertThat(FrameEncoder.bodyLength(RESPONSE_FRAME)).isEqualTo(8);
            assertThat(FrameEncoder.bodyLength(ERROR_FRAME)).isEqualTo(16);
            assertThat(FrameEncoder.bodyLength(PING_FRAME)).isEqualTo(14);
            assertThat(FrameEncoder.bodyLength(PONG_FRAME)).isEqualTo(14);
            assertThat(FrameEncoder.bodyLength(GOAWAY_FRAME)).isEqualTo(16);
        }
    }

    /**
     * A message that is not well-formed UTF-16 (a lone surrogate followed by a non-ASCII char) must
     * still yield a frame whose length field counts exactly the bytes written; each unpaired
     * surrogate becomes '?', as {@link String#getBytes} does.
     */
    @Nested
    class MalformedUtf16 {
        @Test
        void errorMessageWithLoneHighSurrogateBeforeNonAscii() {
            byte[] bytes = encode(new Frame.Error(7, 1000, "\uD800é"));
            assertBytes(bytes, hex(
                    "0000000b", // length 11
                    "03", // type error
                    "00", // flags
                    "00000007", // id 7
                    "03e8", // code 1000
                    "3fc3a9")); // message "?é"
            assertThat(decode(MAX, bytes)).containsExactly(new Frame.Error(7, 1000, "?é"));
        }

        @Test
        void goAwayMessageWithLoneHighSurrogateBeforeCjk() {
            byte[] bytes = encode(new Frame.GoAway(8, "\uD800中"));
            assertBytes(bytes, hex(
                    "0000000c", // length 12
                    "06", // type goaway
                    "00", // flags
                    "00000000", // id 0
                    "0008", // code 8
                    "3fe4b8ad")); // message "?中"
            assertThat(decode(MAX, bytes)).containsExactly(new Frame.GoAway(8, "?中"));
        }

        @Test
        void routeWithLoneSurrogate() {
            byte[] bytes = encode(new Frame.Request(9, "a\uDC00é", new byte[] {1}));
            assertBytes(bytes, hex(
                    "0000000c", // length 12
                    "01", // type request
                    "00", // flags
                    "00000009", // id 9
                    "04", // route length 4
                    "613fc3a9", // route "a?é"
                    "01")); // body 01
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void eachFrameDecodesToItself() {
            for (Frame frame : ALL_FRAMES) {
                assertThat(decode(MAX, encode(frame))).as("%s", frame).containsExactly(frame);
            }
        }

        @Test
        void framesAtTheEdgesOfTheirFields() {
            List<Frame> frames = List.of(
                    new Frame.Request(Integer.MIN_VALUE, "r".repeat(255), new byte[2048]),
                    new Frame.Request(1, "/", new byte[0]),
                    new Frame.Response(0, new byte[0]),
                    new Frame.Error(-1, 1, ""),
                    new Frame.Error(1, 0xFFFF, "x".repeat(500)),
                    new Frame.Ping(Long.MIN_VALUE),
                    new Frame.Pong(-1L),
                    new Frame.GoAway(0, ""),
                    new Frame.GoAway(0xFFFF, "😀 emoji and ünïcödé"));
            assertThat(decode(MAX, encode(frames.toArray(Frame[]::new)))).containsExactlyElementsOf(frames);
        }
    }
}
