package dev.switchboard.torrent.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes {@link PeerMessage}s with their 4-byte big-endian length prefix. A {@link PeerMessage.Piece}
 * is written without copying its block: a composite of a 13-byte header and a retained slice of the
 * block; the Piece itself is released after encoding, like every reference-counted message an encoder
 * consumes. Stateless and shared.
 */
@Sharable
public final class PeerMessageEncoder extends MessageToMessageEncoder<PeerMessage> {
    public static final PeerMessageEncoder INSTANCE = new PeerMessageEncoder();

    private PeerMessageEncoder() {
        super(PeerMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, PeerMessage message, List<Object> out) {
        if (message instanceof PeerMessage.Piece piece) {
            ByteBuf header = ctx.alloc().ioBuffer(13)
                    .writeInt(9 + piece.block().readableBytes())
                    .writeByte(MessageId.PIECE)
                    .writeInt(piece.index())
                    .writeInt(piece.begin());
            CompositeByteBuf frame = ctx.alloc().compositeDirectBuffer(2);
            frame.addComponents(true, header, piece.block().retainedSlice());
            out.add(frame);
            return;
        }
        ByteBuf buf = ctx.alloc().ioBuffer(4 + length(message));
        write(message, buf);
        out.add(buf);
    }

    /** The length prefix of {@code message}: its id byte and payload. */
    static int length(PeerMessage message) {
        if (message instanceof PeerMessage.KeepAlive) {
            return 0;
        } else if (message instanceof PeerMessage.BitfieldMessage b) {
            return 1 + b.length();
        } else if (message instanceof PeerMessage.Piece p) {
            return 9 + p.block().readableBytes();
        } else if (message instanceof PeerMessage.Extended e) {
            return 2 + e.payloadLength();
        }
        return MessageId.fixedLength(message.id());
    }

    /** Writes {@code message}, prefix included, to {@code out}; a Piece's block is copied here. */
    public static void write(PeerMessage message, ByteBuf out) {
        out.writeInt(length(message));
        if (message instanceof PeerMessage.KeepAlive) {
            return;
        }
        out.writeByte(message.id());
        if (message instanceof PeerMessage.Have m) {
            out.writeInt(m.index());
        } else if (message instanceof PeerMessage.BitfieldMessage m) {
            m.writeBits(out);
        } else if (message instanceof PeerMessage.Request m) {
            out.writeInt(m.index()).writeInt(m.begin()).writeInt(m.length());
        } else if (message instanceof PeerMessage.Piece m) {
            out.writeInt(m.index()).writeInt(m.begin())
                    .writeBytes(m.block(), m.block().readerIndex(), m.block().readableBytes());
        } else if (message instanceof PeerMessage.Cancel m) {
            out.writeInt(m.index()).writeInt(m.begin()).writeInt(m.length());
        } else if (message instanceof PeerMessage.Port m) {
            out.writeShort(m.port());
        } else if (message instanceof PeerMessage.Suggest m) {
            out.writeInt(m.index());
        } else if (message instanceof PeerMessage.Reject m) {
            out.writeInt(m.index()).writeInt(m.begin()).writeInt(m.length());
        } else if (message instanceof PeerMessage.AllowedFast m) {
            out.writeInt(m.index());
        } else if (message instanceof PeerMessage.Extended m) {
            out.writeByte(m.extendedId());
            m.writePayload(out);
        }
        // choke, unchoke, interested, not interested, have all, have none: the id is all there is
    }
}
