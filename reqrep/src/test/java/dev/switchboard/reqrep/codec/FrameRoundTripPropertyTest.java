package dev.switchboard.reqrep.codec;

import static dev.switchboard.reqrep.codec.Wire.decode;
import static dev.switchboard.reqrep.codec.Wire.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.LeakRecorder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Encoding then decoding gives back an equal frame, however the bytes are cut. Plain jqwik: no
 * Jupiter extension runs here, so leaks are checked once the container is done.
 */
class FrameRoundTripPropertyTest {
    private static final int MAX = 1 << 16;

    @Property(tries = 1000)
    void encodeThenDecodeGivesAnEqualFrame(@ForAll("frames") Frame frame) {
        byte[] bytes = encode(frame);
        assertThat(ByteBuffer.wrap(bytes).getInt()).as("length field").isEqualTo(bytes.length - 4);
        assertThat(decode(MAX, bytes)).containsExactly(frame);
    }

    @Property(tries = 300)
    void decodesTheSameFramesWhateverTheChunks(
            @ForAll @Size(min = 1, max = 5) List<@From("frames") Frame> frames,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 700) Integer> chunkSizes) {
        byte[] bytes = encode(frames.toArray(Frame[]::new));
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0, i = 0; at < bytes.length; i++) {
            int end = Math.min(bytes.length, at + chunkSizes.get(i % chunkSizes.size()));
            chunks.add(Arrays.copyOfRange(bytes, at, end));
            at = end;
        }
        assertThat(decode(MAX, chunks.toArray(byte[][]::new))).containsExactlyElementsOf(frames);
    }

    /** Even a message that is not well-formed UTF-16 must not desynchronise the stream. */
    @Property(tries = 500)
    void lengthFieldCountsTheBytesWrittenForAnyMessage(
            @ForAll("anyUtf16") String message, @ForAll("anyUtf16") String goAwayMessage) {
        Frame error = new Frame.Error(1, 1000, message);
        Frame goAway = new Frame.GoAway(8, goAwayMessage);
        byte[] bytes = encode(error, goAway);
        String sent = new String(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String goAwaySent = new String(goAwayMessage.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(decode(MAX, bytes)).containsExactly(new Frame.Error(1, 1000, sent), new Frame.GoAway(8, goAwaySent));
    }

    @AfterContainer
    static void noBufferLeaked() {
        assertThat(LeakRecorder.collectLeaks()).as("Netty buffer leaks").isEmpty();
    }

    @Provide
    Arbitrary<Frame> frames() {
        Arbitrary<Integer> ids = Arbitraries.integers();
        Arbitrary<byte[]> bodies = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        Arbitrary<Integer> codes = Arbitraries.integers().between(1, 0xFFFF);
        return Arbitraries.oneOf(
                Combinators.combine(ids.filter(id -> id != 0), routes(), bodies)
                        .as((id, route, body) -> (Frame) new Frame.Request(id, route, body)),
                Combinators.combine(ids, bodies).as((id, body) -> (Frame) new Frame.Response(id, body)),
                Combinators.combine(ids, codes, messages())
                        .as((id, code, message) -> (Frame) new Frame.Error(id, code, message)),
                Arbitraries.longs().map(payload -> (Frame) new Frame.Ping(payload)),
                Arbitraries.longs().map(payload -> (Frame) new Frame.Pong(payload)),
                Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), messages())
                        .as((code, message) -> (Frame) new Frame.GoAway(code, message)));
    }

    /** Route names of 1-255 bytes of UTF-8, from one-byte up to four-byte characters. */
    private static Arbitrary<String> routes() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(100),
                        Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(255),
                        codePointStrings(70))
                .filter(s -> wellFormed(s) && utf8Length(s) >= 1 && utf8Length(s) <= Frame.MAX_ROUTE_BYTES);
    }

    private static Arbitrary<String> messages() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(300),
                        Arbitraries.strings().ascii().ofMaxLength(300),
                        codePointStrings(100))
                .filter(FrameRoundTripPropertyTest::wellFormed);
    }

    /** Strings of arbitrary Unicode scalar values, supplementary ones (surrogate pairs) included. */
    private static Arbitrary<String> codePointStrings(int maxCodePoints) {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(maxCodePoints)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    /** Any UTF-16 string, lone surrogates included. */
    @Provide
    Arbitrary<String> anyUtf16() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(Character.MIN_VALUE, Character.MAX_VALUE).ofMaxLength(40),
                Arbitraries.strings().withChars("\uD800\uDBFF\uDC00\uDFFFaé中").ofMaxLength(10));
    }

    private static boolean wellFormed(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
