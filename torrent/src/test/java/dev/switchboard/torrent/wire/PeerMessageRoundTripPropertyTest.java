package dev.switchboard.torrent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.LeakRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/** Any sequence of any messages survives encoder then decoder, cut into reads of any sizes. */
class PeerMessageRoundTripPropertyTest {
    @Property(tries = 300)
    void encodeThenDecodeGivesTheSameMessages(
            @ForAll @Size(max = 12) List<@From("messages") PeerMessage> messages,
            @ForAll @IntRange(min = 1, max = 40) int chunk) {
        EmbeddedChannel out = new EmbeddedChannel(PeerMessageEncoder.INSTANCE);
        List<PeerMessage> expected = new ArrayList<>();
        for (PeerMessage m : messages) {
            expected.add(m instanceof PeerMessage.Piece p ? p.retain() : m); // the encoder releases its copy
            out.writeOutbound(m);
        }
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf b; (b = out.readOutbound()) != null; ) {
            wire.writeBytes(b);
            b.release();
        }
        EmbeddedChannel in = new EmbeddedChannel(new PeerMessageDecoder(PeerWireLimits.forTorrent(50)));
        while (wire.isReadable()) {
            in.writeInbound(wire.readRetainedSlice(Math.min(chunk, wire.readableBytes())));
        }
        wire.release();
        List<PeerMessage> actual = new ArrayList<>();
        for (Object m; (m = in.readInbound()) != null; ) {
            actual.add((PeerMessage) m);
        }
        try {
            assertThat(actual).isEqualTo(expected);
            assertThat(in.finish()).isFalse();
        } finally {
            actual.forEach(PeerMessageRoundTripPropertyTest::release);
            expected.forEach(PeerMessageRoundTripPropertyTest::release);
        }
    }

    @AfterContainer
    static void noLeaks() {
        assertThat(LeakRecorder.collectLeaks()).isEmpty();
    }

    private static void release(PeerMessage m) {
        if (m instanceof PeerMessage.Piece p) {
            p.release();
        }
    }

    @Provide
    Arbitrary<PeerMessage> messages() {
        Arbitrary<Integer> u32 = Arbitraries.integers();
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 49);
        Arbitrary<byte[]> block = Arbitraries.bytes().array(byte[].class).ofMaxSize(PeerWireLimits.MAX_BLOCK_LENGTH);
        return Arbitraries.oneOf(
                Arbitraries.of(PeerMessage.KeepAlive.INSTANCE, PeerMessage.Choke.INSTANCE, PeerMessage.Unchoke.INSTANCE,
                        PeerMessage.Interested.INSTANCE, PeerMessage.NotInterested.INSTANCE,
                        PeerMessage.HaveAll.INSTANCE, PeerMessage.HaveNone.INSTANCE),
                u32.map(PeerMessage.Have::new),
                Arbitraries.integers().between(0, (1 << 16) - 1).map(PeerMessage.Port::new),
                index.map(PeerMessage.Suggest::new),
                index.map(PeerMessage.AllowedFast::new),
                Arbitraries.integers().list().ofSize(3).map(l -> new PeerMessage.Request(l.get(0), l.get(1), l.get(2))),
                Arbitraries.integers().list().ofSize(3).map(l -> new PeerMessage.Cancel(l.get(0), l.get(1), l.get(2))),
                Arbitraries.integers().list().ofSize(3).map(l -> new PeerMessage.Reject(l.get(0), l.get(1), l.get(2))),
                index.set().map(s -> {
                    java.util.BitSet bits = new java.util.BitSet();
                    s.forEach(bits::set);
                    return PeerMessage.BitfieldMessage.of(bits, 50);
                }),
                Arbitraries.integers().between(0, 255).flatMap(id -> Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                        .map(p -> new PeerMessage.Extended(id, p))),
                u32.flatMap(i -> u32.flatMap(b -> block.map(data -> new PeerMessage.Piece(i, b, Unpooled.wrappedBuffer(data))))));
    }
}
