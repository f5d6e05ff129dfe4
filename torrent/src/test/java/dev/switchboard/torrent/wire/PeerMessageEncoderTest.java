package dev.switchboard.torrent.wire;

import static dev.switchboard.torrent.wire.WireBytes.buf;
import static dev.switchboard.torrent.wire.WireBytes.bytes;
import static dev.switchboard.torrent.wire.WireBytes.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.torrent.wire.PeerMessage.Piece;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Messages to bytes; the decoder test's byte literals are the reference. */
class PeerMessageEncoderTest {
    @Test
    void everyMessageKindEncodesToTheBytesTheDecoderReads() {
        EmbeddedChannel channel = new EmbeddedChannel(PeerMessageEncoder.INSTANCE);
        for (PeerMessage m : PeerMessageDecoderTest.allDecoded()) {
            channel.writeOutbound(m);
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            written.writeBytes(drain(b));
        }
        assertThat(written.toByteArray()).isEqualTo(PeerMessageDecoderTest.ALL);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pieceIsWrittenWithoutCopyingItsBlockAndReleased() {
        EmbeddedChannel channel = new EmbeddedChannel(PeerMessageEncoder.INSTANCE);
        ByteBuf block = buf(bytes('x', 'y'));
        channel.writeOutbound(new Piece(5, 32, block));
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).isInstanceOf(CompositeByteBuf.class);
        assertThat(((CompositeByteBuf) frame).component(1).unwrap()).as("the block itself").isSameAs(block);
        assertThat(block.refCnt()).as("the piece's own reference was released").isEqualTo(1);
        assertThat(drain(frame)).isEqualTo(bytes(
                0, 0, 0, 11,     // length 9 + 2
                7,               // id piece
                0, 0, 0, 5,      // index 5
                0, 0, 0, 32,     // begin 32
                'x', 'y'));      // block
        assertThat(block.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pieceWithAPartlyReadBlockSendsOnlyTheReadableBytes() {
        EmbeddedChannel channel = new EmbeddedChannel(PeerMessageEncoder.INSTANCE);
        ByteBuf block = buf(bytes('a', 'b', 'c'));
        block.skipBytes(1);
        channel.writeOutbound(new Piece(0, 0, block));
        assertThat(drain(channel.readOutbound())).isEqualTo(bytes(0, 0, 0, 11, 7, 0, 0, 0, 0, 0, 0, 0, 0, 'b', 'c'));
    }
}
