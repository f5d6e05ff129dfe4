package dev.switchboard.torrent.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Turns the length-prefixed byte stream after the handshake into {@link PeerMessage}s.
 *
 * <p>Checks are made as early as the bytes allow: a length prefix above {@link
 * PeerWireLimits#maxMessageLength()} is refused from its 4 bytes; an unknown id, or a length that does
 * not fit the id (a have that is not 5 bytes, a piece shorter than 9), from the prefix and the id byte,
 * before the body is waited for. A bitfield is checked against the piece count when the limits know it.
 * Every refusal is a {@link PeerWireException} naming what was wrong; after one the decoder discards all
 * further input, since the stream can no longer be framed.
 *
 * <p>A {@link PeerMessage.Piece}'s block is copied, as its bytes arrive, into a buffer of its own of
 * exactly the block's length (from the channel's allocator), so that no block keeps a read buffer alive:
 * every read buffer is released as soon as it is decoded and the allocator reuses it at once. (Blocks
 * used to be retained slices of the input; while they waited for the disk each pinned a whole read
 * buffer, the allocator had to take fresh zeroed chunks for new reads and, past the JVM's direct memory
 * limit, forced full collections.) Whoever receives the Piece must release it. Per channel (stateful).
 */
public final class PeerMessageDecoder extends ByteToMessageDecoder {
    private static final int PREFIX = 4;

    private final PeerWireLimits limits;
    private boolean failed;
    /** The block of the piece message being received, filled as bytes arrive; null between messages. */
    private ByteBuf block;
    private int blockIndex;
    private int blockBegin;

    public PeerMessageDecoder(PeerWireLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public PeerWireLimits limits() {
        return limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (block != null) {
            fillBlock(in, out);
            return;
        }
        try {
            decodeOne(ctx, in, out);
        } catch (PeerWireException e) {
            failed = true;
            releaseBlock();
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Copies what has arrived of the current block; emits the piece once the block is whole. */
    private void fillBlock(ByteBuf in, List<Object> out) {
        block.writeBytes(in, Math.min(block.writableBytes(), in.readableBytes()));
        if (!block.isWritable()) {
            ByteBuf whole = block;
            block = null;
            out.add(new PeerMessage.Piece(blockIndex, blockBegin, whole));
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseBlock();
    }

    private void releaseBlock() {
        if (block != null) {
            block.release();
            block = null;
        }
    }

    /** Adds the next message to {@code out}; adds nothing when more bytes are needed (or a block has begun). */
    private void decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < PREFIX) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > limits.maxMessageLength()) {
            throw new PeerWireException(PeerWireException.Kind.TOO_LARGE, "message length " + length
                    + " exceeds the limit of " + limits.maxMessageLength() + " bytes");
        }
        if (length == 0) {
            in.skipBytes(PREFIX);
            out.add(PeerMessage.KeepAlive.INSTANCE);
            return;
        }
        if (in.readableBytes() < PREFIX + 1) {
            return;
        }
        int id = in.getUnsignedByte(in.readerIndex() + PREFIX);
        checkLength(id, (int) length);
        if (id == MessageId.PIECE) {
            startPiece(ctx, (int) length - 9, in, out);
            return;
        }
        if (in.readableBytes() < PREFIX + length) {
            return;
        }
        in.skipBytes(PREFIX + 1);
        out.add(body(id, (int) length - 1, in));
    }

    /** Reads a piece's header once it is all there and starts copying its block. */
    private void startPiece(ChannelHandlerContext ctx, int blockLength, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < PREFIX + 9) {
            return;
        }
        in.skipBytes(PREFIX + 1);
        blockIndex = in.readInt();
        blockBegin = in.readInt();
        block = ctx.alloc().directBuffer(blockLength, blockLength);
        fillBlock(in, out);
    }

    private void checkLength(int id, int length) {
        if (!MessageId.isKnown(id)) {
            throw new PeerWireException(PeerWireException.Kind.UNKNOWN_MESSAGE,
                    "unknown message id " + id + " (length " + length + ")");
        }
        if (MessageId.isFixed(id) ? length != MessageId.fixedLength(id) : length < MessageId.minimumLength(id)) {
            throw PeerWireException.malformed(MessageId.name(id) + " message with length " + length
                    + ", expected " + (MessageId.isFixed(id) ? "" : "at least ")
                    + MessageId.minimumLength(id));
        }
        if (id == MessageId.BITFIELD && limits.pieceCount() > 0
                && length - 1 != PeerMessage.BitfieldMessage.byteLength(limits.pieceCount())) {
            throw PeerWireException.malformed("bitfield has " + (length - 1) + " bytes, a torrent of "
                    + limits.pieceCount() + " pieces needs "
                    + PeerMessage.BitfieldMessage.byteLength(limits.pieceCount()));
        }
    }

    private PeerMessage body(int id, int payload, ByteBuf in) {
        return switch (id) {
            case MessageId.CHOKE -> PeerMessage.Choke.INSTANCE;
            case MessageId.UNCHOKE -> PeerMessage.Unchoke.INSTANCE;
            case MessageId.INTERESTED -> PeerMessage.Interested.INSTANCE;
            case MessageId.NOT_INTERESTED -> PeerMessage.NotInterested.INSTANCE;
            case MessageId.HAVE -> new PeerMessage.Have(in.readInt());
            case MessageId.BITFIELD -> bitfield(payload, in);
            case MessageId.REQUEST -> new PeerMessage.Request(in.readInt(), in.readInt(), in.readInt());
            case MessageId.CANCEL -> new PeerMessage.Cancel(in.readInt(), in.readInt(), in.readInt());
            case MessageId.PORT -> new PeerMessage.Port(in.readUnsignedShort());
            case MessageId.SUGGEST -> new PeerMessage.Suggest(in.readInt());
            case MessageId.HAVE_ALL -> PeerMessage.HaveAll.INSTANCE;
            case MessageId.HAVE_NONE -> PeerMessage.HaveNone.INSTANCE;
            case MessageId.REJECT -> new PeerMessage.Reject(in.readInt(), in.readInt(), in.readInt());
            case MessageId.ALLOWED_FAST -> new PeerMessage.AllowedFast(in.readInt());
            case MessageId.EXTENDED -> extended(payload, in);
            default -> throw new IllegalStateException("id " + id + " passed checkLength");
        };
    }

    private PeerMessage bitfield(int payload, ByteBuf in) {
        byte[] bits = new byte[payload];
        in.readBytes(bits);
        if (limits.pieceCount() > 0) {
            PeerMessage.BitfieldMessage.validate(bits, limits.pieceCount());
        }
        return new PeerMessage.BitfieldMessage(bits);
    }

    private static PeerMessage extended(int payload, ByteBuf in) {
        int extendedId = in.readUnsignedByte();
        byte[] bytes = new byte[payload - 1];
        in.readBytes(bytes);
        return new PeerMessage.Extended(extendedId, bytes);
    }
}
