package dev.switchboard.torrent.wire;

import static dev.switchboard.torrent.wire.WireBytes.buf;
import static dev.switchboard.torrent.wire.WireBytes.bytes;
import static dev.switchboard.torrent.wire.WireBytes.concat;
import static dev.switchboard.torrent.wire.WireBytes.drain;
import static dev.switchboard.torrent.wire.WireBytes.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The 68-byte handshake: valid, with extension bits, split at every byte, and malformed. */
class HandshakeCodecTest {
    static final byte[] INFO_HASH = filled(20, 0xAA);
    static final byte[] PEER_ID = "-SB0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);

    /** A libtorrent-style handshake with the fast and extension-protocol bits. */
    static final byte[] WIRE = concat(
            bytes(19),                                                   // pstrlen
            "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII),   // pstr
            bytes(0, 0, 0, 0, 0, 0x10, 0, 0x04),                         // reserved: [5] 0x10 extension protocol, [7] 0x04 fast
            INFO_HASH,                                                   // info_hash
            PEER_ID);                                                    // peer_id

    static Handshake handshake() {
        return Handshake.of(InfoHash.of(INFO_HASH), PeerId.of(PEER_ID), true, true);
    }

    @Nested
    class Valid {
        @Test
        void encodesFieldByField() {
            EmbeddedChannel channel = new EmbeddedChannel(HandshakeEncoder.INSTANCE);
            channel.writeOutbound(handshake());
            assertThat(drain(channel.readOutbound())).isEqualTo(WIRE);
            assertThat(channel.finish()).isFalse();
        }

        @Test
        void decodesEveryField() {
            EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
            channel.writeInbound(buf(WIRE));
            Handshake h = channel.readInbound();
            assertThat(h).isEqualTo(handshake());
            assertThat(h.supportsFastExtension()).isTrue();
            assertThat(h.supportsExtensionProtocol()).isTrue();
            assertThat(h.supportsDht()).isFalse();
            assertThat(channel.finish()).isFalse();
        }

        @Test
        void reservedBitsSitWhereTheBepsSay() {
            Handshake plain = Handshake.of(InfoHash.of(INFO_HASH), PeerId.of(PEER_ID), false, false);
            assertThat(plain.reserved()).isZero();
            assertThat(Handshake.of(InfoHash.of(INFO_HASH), PeerId.of(PEER_ID), true, false).reserved())
                    .isEqualTo(0x00_00_00_00_00_00_00_04L);
            assertThat(Handshake.of(InfoHash.of(INFO_HASH), PeerId.of(PEER_ID), false, true).reserved())
                    .isEqualTo(0x00_00_00_00_00_10_00_00L);
        }

        @Test
        void unknownReservedBitsAreKept() {
            byte[] wire = WIRE.clone();
            wire[20] = (byte) 0x80; // reserved[0], an Azureus-era bit we do not interpret
            wire[27] |= 0x01;       // reserved[7] 0x01: DHT
            EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
            channel.writeInbound(buf(wire));
            Handshake h = channel.readInbound();
            assertThat(h.reserved()).isEqualTo(0x80_00_00_00_00_10_00_05L);
            assertThat(h.supportsDht()).isTrue();
        }

        @Test
        void emitsOneHandshakeAndDiscardsWhatFollowsWhenLeftInPlace() {
            EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
            channel.writeInbound(buf(concat(WIRE, WIRE)));
            assertThat((Object) channel.readInbound()).isEqualTo(handshake());
            channel.writeInbound(buf(bytes(0, 0, 0, 0)));
            assertThat((Object) channel.readInbound()).isNull();
            assertThat(channel.finish()).isFalse();
        }
    }

    @Nested
    class Fragmented {
        @Test
        void everySplitPoint() {
            for (int split = 1; split < WIRE.length; split++) {
                EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
                channel.writeInbound(buf(java.util.Arrays.copyOfRange(WIRE, 0, split)));
                assertThat((Object) channel.readInbound()).as("after %d bytes", split).isNull();
                channel.writeInbound(buf(java.util.Arrays.copyOfRange(WIRE, split, WIRE.length)));
                assertThat((Object) channel.readInbound()).as("split at %d", split).isEqualTo(handshake());
                assertThat(channel.finish()).isFalse();
            }
        }

        @Test
        void oneByteAtATime() {
            EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
            for (byte b : WIRE) {
                channel.writeInbound(buf(new byte[] {b}));
            }
            assertThat((Object) channel.readInbound()).isEqualTo(handshake());
        }
    }

    @Nested
    class Malformed {
        @Test
        void wrongLengthByteIsRefusedFromTheFirstByte() {
            EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
            assertThatThrownBy(() -> channel.writeInbound(buf(bytes(0x16))))   // 0x16: a TLS record, not 19
                    .isInstanceOf(DecoderException.class)
                    .rootCause().isInstanceOf(PeerWireException.class)
                    .hasMessageContaining("handshake starts with length 22, expected 19");
            assertThat(channel.finish()).isFalse();
        }

        @Test
        void wrongProtocolStringIsRefusedAtTheFirstWrongByte() {
            byte[] wire = concat(bytes(19), "BitTorrent protocoX".getBytes(StandardCharsets.US_ASCII));
            EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
            channel.writeInbound(buf(java.util.Arrays.copyOf(wire, 19)));      // correct so far
            assertThatThrownBy(() -> channel.writeInbound(buf(bytes('X'))))
                    .rootCause().isInstanceOf(PeerWireException.class)
                    .hasMessageContaining("differs from \"BitTorrent protocol\" at byte 19");
            assertThat(channel.finish()).isFalse();
        }

        @Test
        void httpRequestIsRefused() {
            EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
            ByteBuf get = buf("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> channel.writeInbound(get))
                    .rootCause().isInstanceOf(PeerWireException.class)
                    .satisfies(e -> assertThat(((PeerWireException) e).kind())
                            .isEqualTo(PeerWireException.Kind.MALFORMED));
            assertThat(channel.finish()).isFalse();
        }
    }
}
