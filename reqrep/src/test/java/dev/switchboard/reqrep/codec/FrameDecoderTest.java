package dev.switchboard.reqrep.codec;

import static dev.switchboard.reqrep.ErrorCode.FRAME_TOO_LARGE;
import static dev.switchboard.reqrep.ErrorCode.PROTOCOL_ERROR;
import static dev.switchboard.reqrep.codec.Wire.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.reqrep.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {
    private static final int MAX = 1024;

    /** Asserts that decoding {@code bytes} (as one read) fails with the given code, id and message. */
    static void assertRejected(byte[] bytes, ErrorCode code, int requestId, String message) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        try {
            assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)))
                    .isInstanceOf(DecoderException.class)
                    .cause()
                    .hasMessageContaining(message)
                    .isInstanceOfSatisfying(FrameException.class, e -> {
                        assertThat(e.codeName()).isEqualTo(code.name());
                        assertThat(e.is(code)).isTrue();
                        assertThat(e.requestId()).as("request id carried").isEqualTo(requestId);
                    });
            assertThat(drain(channel)).as("frames emitted before the failure").isEmpty();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void rejectsAMaximumTooSmallForTheLongestRoute() {
        assertThatThrownBy(() -> new FrameDecoder(261))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("262");
        new FrameDecoder(262); // 6-byte header + route length byte + 255-byte route
    }

    @Nested
    class Valid {
        @Test
        void request() {
            assertThat(decode(MAX, REQUEST)).containsExactly(REQUEST_FRAME);
            assertThat(decode(MAX, REQUEST_UTF8)).containsExactly(REQUEST_UTF8_FRAME); // multi-byte route
        }

        @Test
        void response() {
            assertThat(decode(MAX, RESPONSE)).containsExactly(RESPONSE_FRAME);
        }

        @Test
        void error() {
            assertThat(decode(MAX, ERROR)).containsExactly(ERROR_FRAME);
        }

        @Test
        void connectionErrorWithIdZeroAndEmptyMessage() {
            byte[] bytes = hex(
                    "00000008", // length 8
                    "03", // type error
                    "00", // flags
                    "00000000", // id 0 (connection-level)
                    "0001", // code 1 (PROTOCOL_ERROR)
                    ""); // message "" (empty)
            assertThat(decode(MAX, bytes)).containsExactly(new Frame.Error(0, 1, ""));
        }

        @Test
        void ping() {
            assertThat(decode(MAX, PING)).containsExactly(PING_FRAME);
        }

        @Test
        void pong() {
            assertThat(decode(MAX, PONG)).containsExactly(PONG_FRAME);
        }

        @Test
        void goAway() {
            assertThat(decode(MAX, GOAWAY)).containsExactly(GOAWAY_FRAME);
        }

        @Test
        void severalFramesInOneBuffer() {
            assertThat(decode(MAX, ALL_BYTES)).containsExactlyElementsOf(ALL_FRAMES);
        }

        @Test
        void emptyBodies() {
            byte[] bytes = hex(
                    "00000006", // length 6
                    "02", // type response
                    "00", // flags
                    "00000003", // id 3
                    // body: none
                    "00000009", // length 9
                    "01", // type request
                    "00", // flags
                    "00000004", // id 4
                    "02", // route length 2
                    "6162"); // route "ab", body: none
            assertThat(decode(MAX, bytes))
                    .containsExactly(new Frame.Response(3, new byte[0]), new Frame.Request(4, "ab", new byte[0]));
        }

        @Test
        void frameExactlyAtTheMaximumIsAccepted() {
            byte[] body = new byte[256];
            Arrays.fill(body, (byte) 0x5a);
            byte[] bytes = concat(hex(
                    "00000106", // length 262 = the maximum
                    "02", // type response
                    "00", // flags
                    "00000005"), // id 5
                    body); // body: 256 bytes of 5a
            assertThat(decode(262, bytes)).containsExactly(new Frame.Response(5, body));
        }

        @Test
        void longestRouteAtTheMinimumMaximum() {
            String route = "r".repeat(255);
            byte[] bytes = concat(hex(
                    "00000106", // length 262
                    "01", // type request
                    "00", // flags
                    "00000006", // id 6
                    "ff"), // route length 255
                    utf8(route)); // route "rrr...r", body: none
            assertThat(decode(262, bytes)).containsExactly(new Frame.Request(6, route, new byte[0]));
        }

        @Test
        void nothingUntilTheFrameIsComplete() {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
            try {
                assertThat(channel.writeInbound(Unpooled.wrappedBuffer(REQUEST, 0, REQUEST.length - 1))).isFalse();
                assertThat(drain(channel)).isEmpty();
                assertThat(channel.writeInbound(Unpooled.wrappedBuffer(REQUEST, REQUEST.length - 1, 1))).isTrue();
                assertThat(drain(channel)).containsExactly(REQUEST_FRAME);
            } finally {
                channel.finishAndReleaseAll();
            }
        }
    }

    @Nested
    class Malformed {
        @ParameterizedTest
        @ValueSource(strings = {"00000000", "00000001", "00000005"})
        void lengthShorterThanTheHeader(String lengthField) {
            long length = Long.parseLong(lengthField, 16);
            assertRejected(hex(lengthField), // length 0, 1 or 5: rejected from the length field alone
                    PROTOCOL_ERROR, 0, "frame length " + length + " is shorter than the 6-byte header");
        }

        @Test
        void lengthAboveTheMaximumFailsAsSoonAsTheLengthFieldArrives() {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
            try {
                assertThat(channel.writeInbound(Unpooled.wrappedBuffer(hex("000004")))).isFalse(); // 3 of 4 bytes
                assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(hex("01")))) // length 1025
                        .isInstanceOf(DecoderException.class)
                        .cause()
                        .isInstanceOfSatisfying(FrameException.class, e -> {
                            assertThat(e.is(FRAME_TOO_LARGE)).as(e.codeName()).isTrue();
                            assertThat(e.requestId()).isZero();
                        })
                        .hasMessageContaining("frame of 1025 bytes exceeds the maximum of 1024 bytes");
            } finally {
                channel.finishAndReleaseAll();
            }
        }

        @Test
        void lengthAboveTheMaximumIsReadUnsigned() {
            assertRejected(hex("ffffffff"), // length 4294967295, no body buffered
                    FRAME_TOO_LARGE, 0, "frame of 4294967295 bytes exceeds the maximum of 1024 bytes");
        }

        @ParameterizedTest
        @ValueSource(strings = {"00", "07", "ff"})
        void unknownType(String type) {
            assertRejected(hex(
                    "00000006", // length 6
                    type, // type 00, 07 or ff
                    "00", // flags
                    "00000009"), // id 9
                    PROTOCOL_ERROR, 9, "unknown frame type 0x" + type);
        }

        @ParameterizedTest
        @ValueSource(strings = {"01", "80"})
        void nonZeroFlags(String flags) {
            assertRejected(hex(
                    "00000008", // length 8
                    "02", // type response
                    flags, // flags 01 or 80
                    "00000009", // id 9
                    "6f6b"), // body "ok"
                    PROTOCOL_ERROR, 9, "reserved flags must be 0, got 0x" + flags);
        }

        @Test
        void requestWithIdZero() {
            assertRejected(hex(
                    "0000000b", // length 11
                    "01", // type request
                    "00", // flags
                    "00000000", // id 0
                    "04", // route length 4
                    "6563686f"), // route "echo"
                    PROTOCOL_ERROR, 0, "request id 0 is reserved");
        }

        @Test
        void requestWithoutRouteLengthByte() {
            assertRejected(hex(
                    "00000006", // length 6
                    "01", // type request
                    "00", // flags
                    "0000000a"), // id 10, payload: none
                    PROTOCOL_ERROR, 10, "request frame has no route length byte");
        }

        @Test
        void emptyRoute() {
            assertRejected(hex(
                    "00000009", // length 9
                    "01", // type request
                    "00", // flags
                    "0000000a", // id 10
                    "00", // route length 0
                    "6869"), // body "hi"
                    PROTOCOL_ERROR, 10, "route name is empty");
        }

        @Test
        void routeLengthPastTheEndOfTheFrame() {
            // The next frame follows in the same buffer: the route must not borrow its bytes.
            assertRejected(concat(hex(
                    "0000000b", // length 11
                    "01", // type request
                    "00", // flags
                    "0000000a", // id 10
                    "05", // route length 5, but only 4 bytes follow in this frame
                    "6563686f"), // "echo"
                    RESPONSE),
                    PROTOCOL_ERROR, 10, "route length 5 runs past the end of the frame");
        }

        @ParameterizedTest
        @ValueSource(strings = {"61ff62", "c0af", "eda080", "e282"})
        void routeNotValidUtf8(String route) { // stray ff, overlong '/', encoded surrogate, truncated '€'
            int routeLength = route.length() / 2;
            assertRejected(hex(
                    String.format("%08x", 7 + routeLength), // length
                    "01", // type request
                    "00", // flags
                    "0000000b", // id 11
                    String.format("%02x", routeLength), // route length
                    route), // route bytes, body: none
                    PROTOCOL_ERROR, 11, "route name is not valid UTF-8: " + route);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "01"})
        void errorShorterThanItsCode(String payload) {
            assertRejected(hex(
                    String.format("%08x", 6 + payload.length() / 2), // length 6 or 7
                    "03", // type error
                    "00", // flags
                    "0000000c", // id 12
                    payload), // no code, or one byte of it
                    PROTOCOL_ERROR, 12, "error frame shorter than its 2-byte code");
        }

        @Test
        void errorCodeZero() {
            assertRejected(hex(
                    "0000000a", // length 10
                    "03", // type error
                    "00", // flags
                    "0000000c", // id 12
                    "0000", // code 0
                    "6f6f7073"), // message "oops"
                    PROTOCOL_ERROR, 12, "error code 0 is not allowed");
        }

        @Test
        void errorMessageNotValidUtf8() {
            assertRejected(hex(
                    "0000000b", // length 11
                    "03", // type error
                    "00", // flags
                    "0000000d", // id 13
                    "0004", // code 4
                    "6f6bfe"), // message "ok" + fe
                    PROTOCOL_ERROR, 13, "error message is not valid UTF-8: 6f6bfe");
        }

        @ParameterizedTest
        @ValueSource(strings = {"04", "05"})
        void pingOrPongWithNonZeroId(String type) {
            String what = type.equals("04") ? "ping" : "pong";
            assertRejected(hex(
                    "0000000e", // length 14
                    type, // type ping or pong
                    "00", // flags
                    "0000000e", // id 14
                    "0102030405060708"), // payload
                    PROTOCOL_ERROR, 14, what + " frame must carry id 0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"04:", "04:01020304050607", "04:010203040506070809", "05:", "05:010203040506070809"})
        void pingOrPongWithPayloadNotEightBytes(String typeAndPayload) {
            String type = typeAndPayload.substring(0, 2);
            String payload = typeAndPayload.substring(3);
            String what = type.equals("04") ? "ping" : "pong";
            assertRejected(hex(
                    String.format("%08x", 6 + payload.length() / 2), // length
                    type, // type ping or pong
                    "00", // flags
                    "00000000", // id 0
                    payload), // payload of 0, 7 or 9 bytes
                    PROTOCOL_ERROR, 0, what + " payload must be 8 bytes, got " + payload.length() / 2);
        }

        @Test
        void goAwayWithNonZeroId() {
            assertRejected(hex(
                    "00000008", // length 8
                    "06", // type goaway
                    "00", // flags
                    "0000000f", // id 15
                    "0008"), // code 8, message ""
                    PROTOCOL_ERROR, 15, "go-away frame must carry id 0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "00"})
        void goAwayShorterThanItsCode(String payload) {
            assertRejected(hex(
                    String.format("%08x", 6 + payload.length() / 2), // length 6 or 7
                    "06", // type goaway
                    "00", // flags
                    "00000000", // id 0
                    payload), // no code, or one byte of it
                    PROTOCOL_ERROR, 0, "go-away frame shorter than its 2-byte code");
        }

        @Test
        void goAwayMessageNotValidUtf8() {
            assertRejected(hex(
                    "00000009", // length 9
                    "06", // type goaway
                    "00", // flags
                    "00000000", // id 0
                    "0008", // code 8
                    "80"), // message: lone continuation byte
                    PROTOCOL_ERROR, 0, "go-away message is not valid UTF-8: 80");
        }

        @Test
        void afterAFailureFurtherValidInputYieldsNothing() {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
            try {
                byte[] badThenGood = concat(hex(
                        "00000006", // length 6
                        "07", // type 07: unknown
                        "00", // flags
                        "00000001"), // id 1
                        REQUEST); // a valid frame in the same read
                assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(badThenGood)))
                        .isInstanceOf(DecoderException.class)
                        .cause().isInstanceOf(FrameException.class);
                assertThat(channel.writeInbound(Unpooled.wrappedBuffer(ALL_BYTES))).isFalse();
                assertThat(channel.writeInbound(Unpooled.wrappedBuffer(hex("00000005")))).isFalse(); // would fail
                assertThat(drain(channel)).isEmpty();
            } finally {
                channel.finishAndReleaseAll();
            }
        }
    }

    @Nested
    class Fragmented {
        @Test
        void splitAtEverySplitPoint() {
            for (int at = 1; at < ALL_BYTES.length; at++) {
                byte[] head = Arrays.copyOfRange(ALL_BYTES, 0, at);
                byte[] tail = Arrays.copyOfRange(ALL_BYTES, at, ALL_BYTES.length);
                assertThat(decode(MAX, head, tail)).as("split at %d", at).containsExactlyElementsOf(ALL_FRAMES);
            }
        }

        @Test
        void oneByteAtATime() {
            byte[][] bytes = new byte[ALL_BYTES.length][];
            for (int i = 0; i < ALL_BYTES.length; i++) {
                bytes[i] = new byte[] {ALL_BYTES[i]};
            }
            assertThat(decode(MAX, bytes)).containsExactlyElementsOf(ALL_FRAMES);
        }
    }
}
