package dev.switchboard.torrent.wire;

import static dev.switchboard.torrent.wire.WireBytes.buf;
import static dev.switchboard.torrent.wire.WireBytes.bytes;
import static dev.switchboard.torrent.wire.WireBytes.concat;
import static dev.switchboard.torrent.wire.WireBytes.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.torrent.wire.PeerMessage.AllowedFast;
import dev.switchboard.torrent.wire.PeerMessage.BitfieldMessage;
import dev.switchboard.torrent.wire.PeerMessage.Cancel;
import dev.switchboard.torrent.wire.PeerMessage.Extended;
import dev.switchboard.torrent.wire.PeerMessage.Have;
import dev.switchboard.torrent.wire.PeerMessage.Piece;
import dev.switchboard.torrent.wire.PeerMessage.Port;
import dev.switchboard.torrent.wire.PeerMessage.Reject;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import dev.switchboard.torrent.wire.PeerMessage.Suggest;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Length-prefixed messages after the handshake: valid, malformed and fragmented input. */
class PeerMessageDecoderTest {
    /** Every message kind once, as a peer would send them, with its decoded form. */
    static final byte[] ALL = concat(
            bytes(0, 0, 0, 0),                                   // keep-alive: length 0
            bytes(0, 0, 0, 1, 0),                                // choke: length 1, id 0
            bytes(0, 0, 0, 1, 1),                                // unchoke: id 1
            bytes(0, 0, 0, 1, 2),                                // interested: id 2
            bytes(0, 0, 0, 1, 3),                                // not interested: id 3
            bytes(0, 0, 0, 5, 4, 0, 0, 1, 2),                    // have: id 4, index 258
            bytes(0, 0, 0, 3, 5, 0xFF, 0xE0),                    // bitfield: id 5, 11 pieces, all set
            bytes(0, 0, 0, 13, 6, 0, 0, 0, 1, 0, 0, 0x40, 0, 0, 0, 0x40, 0), // request: index 1, begin 16384, length 16384
            bytes(0, 0, 0, 12, 7, 0, 0, 0, 2, 0, 0, 0, 0, 'a', 'b', 'c'),  // piece: length 9+3, index 2, begin 0, "abc"
            bytes(0, 0, 0, 13, 8, 0, 0, 0, 1, 0, 0, 0x40, 0, 0, 0, 0x40, 0), // cancel: same block as the request
            bytes(0, 0, 0, 3, 9, 0x1A, 0xE1),                    // port: id 9, 6881
            bytes(0, 0, 0, 5, 0x0D, 0, 0, 0, 7),                 // suggest piece: index 7
            bytes(0, 0, 0, 1, 0x0E),                             // have all
            bytes(0, 0, 0, 1, 0x0F),                             // have none
            bytes(0, 0, 0, 13, 0x10, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0x40, 0), // reject: index 3, begin 0, length 16384
            bytes(0, 0, 0, 5, 0x11, 0, 0, 4, 0x23),              // allowed fast: index 1059
            bytes(0, 0, 0, 4, 20, 0, 'd', 'e'));                 // extended: length 4, id 20, ext id 0, payload "de"

    static List<PeerMessage> allDecoded() {
        return List.of(PeerMessage.KeepAlive.INSTANCE, PeerMessage.Choke.INSTANCE, PeerMessage.Unchoke.INSTANCE,
                PeerMessage.Interested.INSTANCE, PeerMessage.NotInterested.INSTANCE, new Have(258),
                new BitfieldMessage(bytes(0xFF, 0xE0)), new Request(1, 16384, 16384),
                new Piece(2, 0, buf(bytes('a', 'b', 'c'))), new Cancel(1, 16384, 16384), new Port(6881),
                new Suggest(7), PeerMessage.HaveAll.INSTANCE, PeerMessage.HaveNone.INSTANCE,
                new Reject(3, 0, 16384), new AllowedFast(1059), new Extended(0, bytes('d', 'e')));
    }

    static EmbeddedChannel channel(PeerWireLimits limits) {
        return new EmbeddedChannel(new PeerMessageDecoder(limits));
    }

    /** Reads every inbound message; compares and releases them. */
    static void assertDecoded(EmbeddedChannel channel, List<PeerMessage> expected) {
        List<PeerMessage> actual = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            actual.add((PeerMessage) m);
        }
        try {
            assertThat(actual).isEqualTo(expected);
        } finally {
            actual.forEach(m -> {
                if (m instanceof Piece p) {
                    p.release();
                }
            });
            expected.forEach(m -> {
                if (m instanceof Piece p) {
                    p.release();
                }
            });
        }
    }

    static PeerWireException failure(EmbeddedChannel channel, byte[] input) {
        Throwable thrown = catchThrowable(() -> channel.writeInbound(buf(input)));
        assertThat(thrown).as("decoding must fail").isNotNull();
        while (thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        assertThat(thrown).isInstanceOf(PeerWireException.class);
        return (PeerWireException) thrown;
    }

    @Nested
    class Valid {
        @Test
        void everyMessageKindInOneRead() {
            EmbeddedChannel channel = channel(PeerWireLimits.forTorrent(11));
            channel.writeInbound(buf(ALL));
            assertDecoded(channel, allDecoded());
            assertThat(channel.finish()).isFalse();
        }

        @Test
        void pieceBlockIsACopySoTheInputIsReleasedAtOnce() {
            EmbeddedChannel channel = channel(PeerWireLimits.defaults());
            ByteBuf input = buf(bytes(0, 0, 0, 10, 7, 0, 0, 0, 0, 0, 0, 0, 0, 'z')); // piece index 0 begin 0 "z"
            channel.writeInbound(input);
            Piece piece = channel.readInbound();
            assertThat(input.refCnt()).as("the read buffer is not kept by the block").isZero();
            assertThat(piece).isEqualTo(new Piece(0, 0, buf(bytes('z'))));
            assertThat(piece.refCnt()).isEqualTo(1);
            assertThat(piece.release()).isTrue();
            assertThat(channel.finish()).isFalse();
        }

        @Test
        void largestAllowedPieceAndBitfieldOfAHugeTorrent() {
            EmbeddedChannel channel = channel(PeerWireLimits.forTorrent(200_000));
            byte[] block = filled(PeerWireLimits.MAX_BLOCK_LENGTH, 7);
            channel.writeInbound(buf(concat(bytes(0, 0, 0x40, 9, 7, 0, 0, 0, 0, 0, 0, 0, 0), block))); // 16393 = 9 + 16384
            byte[] bitfield = new byte[25_000];                              // 200,000 pieces / 8
            channel.writeInbound(buf(concat(bytes(0, 0, 0x61, 0xA9, 5), bitfield))); // length 25001
            assertDecoded(channel, List.of(new Piece(0, 0, buf(block)), new BitfieldMessage(bitfield)));
        }

        @Test
        void unsignedIntegersAboveTwoToTheThirtyOneReadAsNegative() {
            EmbeddedChannel channel = channel(PeerWireLimits.defaults());
            channel.writeInbound(buf(bytes(0, 0, 0, 5, 4, 0xFF, 0xFF, 0xFF, 0xFF))); // have index 2^32-1
            assertDecoded(channel, List.of(new Have(-1)));
        }
    }

    @Nested
    class Malformed {
        @Test
        void wrongLengthForEveryFixedSizeIdIsRefusedFromPrefixAndId() {
            int[][] cases = { // {id, a wrong length}
                {0, 2}, {1, 5}, {2, 0x0D}, {3, 3}, {4, 4}, {4, 6}, {6, 12}, {6, 14}, {8, 1}, {9, 2},
                {0x0D, 1}, {0x0E, 2}, {0x0F, 5}, {0x10, 9}, {0x11, 13}};
            for (int[] c : cases) {
                EmbeddedChannel channel = channel(PeerWireLimits.defaults());
                PeerWireException e = failure(channel, bytes(0, 0, 0, c[1], c[0])); // prefix + id only
                assertThat(e.kind()).as("id %d length %d", c[0], c[1]).isEqualTo(PeerWireException.Kind.MALFORMED);
                assertThat(e.getMessage()).contains(MessageId.name(c[0]) + " message with length " + c[1]);
                assertThat(channel.finish()).isFalse();
            }
        }

        @Test
        void variableLengthMessagesBelowTheirMinimum() {
            assertThat(failure(channel(PeerWireLimits.defaults()), bytes(0, 0, 0, 8, 7)).getMessage()) // piece of 8
                    .isEqualTo("piece message with length 8, expected at least 9");
            assertThat(failure(channel(PeerWireLimits.defaults()), bytes(0, 0, 0, 1, 20)).getMessage()) // extended, no ext id
                    .isEqualTo("extended message with length 1, expected at least 2");
        }

        @Test
        void unknownId() {
            PeerWireException e = failure(channel(PeerWireLimits.defaults()), bytes(0, 0, 0, 1, 0x0A)); // id 10
            assertThat(e.kind()).isEqualTo(PeerWireException.Kind.UNKNOWN_MESSAGE);
            assertThat(e.getMessage()).isEqualTo("unknown message id 10 (length 1)");
        }

        @Test
        void oversizedPrefixIsRefusedFromItsFourBytesAlone() {
            EmbeddedChannel channel = channel(PeerWireLimits.defaults());
            PeerWireException e = failure(channel, bytes(0, 0, 0x40, 0x0A));   // 16394: one byte too many
            assertThat(e.kind()).isEqualTo(PeerWireException.Kind.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("message length 16394 exceeds the limit of 16393 bytes");
            PeerWireException huge = failure(channel(PeerWireLimits.defaults()), bytes(0xFF, 0xFF, 0xFF, 0xFF));
            assertThat(huge.getMessage()).startsWith("message length 4294967295 exceeds");
        }

        @Test
        void bitfieldOfTheWrongLengthForTheTorrent() {
            PeerWireException e = failure(channel(PeerWireLimits.forTorrent(11)), bytes(0, 0, 0, 4, 5));
            assertThat(e.getMessage()).isEqualTo("bitfield has 3 bytes, a torrent of 11 pieces needs 2");
        }

        @Test
        void bitfieldWithSpareBitsSet() {
            PeerWireException e = failure(channel(PeerWireLimits.forTorrent(11)),
                    bytes(0, 0, 0, 3, 5, 0xFF, 0xF0));  // 11 pieces: the low 5 bits of byte 2 are spare; 0x10 is set
            assertThat(e.getMessage()).isEqualTo("bitfield has spare bits set after piece 10");
        }

        @Test
        void afterAFailureFurtherInputIsDiscarded() {
            EmbeddedChannel channel = channel(PeerWireLimits.defaults());
            failure(channel, bytes(0, 0, 0, 1, 0x63));                // unknown id 99
            channel.writeInbound(buf(bytes(0, 0, 0, 1, 1)));         // a valid unchoke, never decoded
            assertThat((Object) channel.readInbound()).isNull();
            assertThat(channel.finish()).isFalse();
        }
    }

    @Nested
    class Fragmented {
        @Test
        void everySplitPointOfEveryMessageKind() {
            for (int split = 1; split < ALL.length; split++) {
                EmbeddedChannel channel = channel(PeerWireLimits.forTorrent(11));
                channel.writeInbound(buf(Arrays.copyOfRange(ALL, 0, split)));
                channel.writeInbound(buf(Arrays.copyOfRange(ALL, split, ALL.length)));
                assertDecoded(channel, allDecoded());
                assertThat(channel.finish()).as("split at %d", split).isFalse();
            }
        }

        @Test
        void oneByteAtATime() {
            EmbeddedChannel channel = channel(PeerWireLimits.forTorrent(11));
            for (byte b : ALL) {
                channel.writeInbound(buf(new byte[] {b}));
            }
            assertDecoded(channel, allDecoded());
        }

        @Test
        void aBlockSpreadOverReadsKeepsNoneOfThem() {
            EmbeddedChannel channel = channel(PeerWireLimits.defaults());
            byte[] block = filled(PeerWireLimits.MAX_BLOCK_LENGTH, 9);
            byte[] message = concat(bytes(0, 0, 0x40, 9, 7, 0, 0, 0, 3, 0, 0, 0x40, 0), block); // index 3, begin 16384
            List<ByteBuf> reads = new ArrayList<>();
            for (int from = 0; from < message.length; from += 5000) {
                ByteBuf read = buf(Arrays.copyOfRange(message, from, Math.min(message.length, from + 5000)));
                reads.add(read);
                channel.writeInbound(read);
                assertThat(read.refCnt()).as("read at %d released once copied", from).isZero();
            }
            assertThat(reads).hasSize(4);
            assertDecoded(channel, List.of(new Piece(3, 16384, buf(block))));
            assertThat(channel.finish()).isFalse();
        }

        @Test
        void aBlockCutShortByTheEndOfTheConnectionIsReleased() {
            EmbeddedChannel channel = channel(PeerWireLimits.defaults());
            List<ByteBuf> allocated = new ArrayList<>();
            channel.config().setAllocator(new AbstractByteBufAllocator(true) {
                @Override
                protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                    return record(Unpooled.buffer(initialCapacity, maxCapacity));
                }

                @Override
                protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                    return record(Unpooled.directBuffer(initialCapacity, maxCapacity));
                }

                private ByteBuf record(ByteBuf buffer) {
                    allocated.add(buffer);
                    return buffer;
                }

                @Override
                public boolean isDirectBufferPooled() {
                    return false;
                }
            });
            channel.writeInbound(buf(bytes(0, 0, 0, 12, 7, 0, 0, 0, 0, 0, 0, 0, 0, 'a'))); // 1 of 3 block bytes
            assertThat((Object) channel.readInbound()).isNull();
            assertThat(allocated).isNotEmpty();
            assertThat(channel.finish()).isFalse();
            assertThat(allocated).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
        }

        @Test
        void oversizedPrefixSplitIsRefusedOnceComplete() {
            EmbeddedChannel channel = channel(PeerWireLimits.defaults());
            channel.writeInbound(buf(bytes(0, 1, 0)));              // three bytes of 0x00010000 = 65536
            assertThat(failure(channel, bytes(0)).kind()).isEqualTo(PeerWireException.Kind.TOO_LARGE);
        }
    }
}
