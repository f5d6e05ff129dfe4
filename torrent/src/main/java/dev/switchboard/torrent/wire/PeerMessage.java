package dev.switchboard.torrent.wire;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message after the handshake, named as in BEP 3, BEP 5, BEP 6 and BEP 10. Immutable records, except
 * that {@link Piece} holds its block as a reference-counted {@link ByteBuf}; every other message owns no
 * buffer. Integers that are unsigned 32-bit on the wire (index, begin, length) are Java {@code int}s;
 * values at or above 2^31 read as negative and {@code PeerConnection} refuses them as out of range.
 */
public sealed interface PeerMessage {
    /** The message id; -1 for {@link KeepAlive}, which has none. */
    int id();

    /** {@code <len=0>}: keeps an idle connection open. */
    enum KeepAlive implements PeerMessage {
        INSTANCE;

        @Override
        public int id() {
            return -1;
        }
    }

    /** {@code <len=1><id=0>} */
    enum Choke implements PeerMessage {
        INSTANCE;

        @Override
        public int id() {
            return MessageId.CHOKE;
        }
    }

    /** {@code <len=1><id=1>} */
    enum Unchoke implements PeerMessage {
        INSTANCE;

        @Override
        public int id() {
            return MessageId.UNCHOKE;
        }
    }

    /** {@code <len=1><id=2>} */
    enum Interested implements PeerMessage {
        INSTANCE;

        @Override
        public int id() {
            return MessageId.INTERESTED;
        }
    }

    /** {@code <len=1><id=3>} */
    enum NotInterested implements PeerMessage {
        INSTANCE;

        @Override
        public int id() {
            return MessageId.NOT_INTERESTED;
        }
    }

    /** {@code <len=5><id=4><index>}: the sender now has piece {@code index}. */
    record Have(int index) implements PeerMessage {
        @Override
        public int id() {
            return MessageId.HAVE;
        }
    }

    /**
     * {@code <len=1+X><id=5><bitfield>}: the pieces the sender has, piece 0 in the high bit of the first
     * byte; spare bits at the end must be zero. The bytes are copied in and out.
     */
    record BitfieldMessage(byte[] bits) implements PeerMessage {
        public BitfieldMessage {
            bits = bits.clone();
        }

        /** The wire form of {@code pieces} for a torrent of {@code pieceCount} pieces. */
        public static BitfieldMessage of(BitSet pieces, int pieceCount) {
            byte[] bytes = new byte[byteLength(pieceCount)];
            for (int i = pieces.nextSetBit(0); i >= 0 && i < pieceCount; i = pieces.nextSetBit(i + 1)) {
                bytes[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
            return new BitfieldMessage(bytes);
        }

        /** Bytes in the bitfield of a torrent with {@code pieceCount} pieces. */
        public static int byteLength(int pieceCount) {
            return (pieceCount + 7) >>> 3;
        }

        /**
         * Checks the bitfield against a torrent of {@code pieceCount} pieces and returns the pieces it
         * names.
         *
         * @throws PeerWireException (malformed) for a wrong length or a spare bit set
         */
        public BitSet toBitSet(int pieceCount) {
            validate(bits, pieceCount);
            BitSet pieces = new BitSet(pieceCount);
            for (int i = 0; i < pieceCount; i++) {
                if ((bits[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                    pieces.set(i);
                }
            }
            return pieces;
        }

        static void validate(byte[] bits, int pieceCount) {
            if (bits.length != byteLength(pieceCount)) {
                throw PeerWireException.malformed("bitfield has " + bits.length + " bytes, a torrent of "
                        + pieceCount + " pieces needs " + byteLength(pieceCount));
            }
            int spare = bits.length * 8 - pieceCount;
            if (spare > 0 && (bits[bits.length - 1] & ((1 << spare) - 1)) != 0) {
                throw PeerWireException.malformed("bitfield has spare bits set after piece " + (pieceCount - 1));
            }
        }

        @Override
        public byte[] bits() {
            return bits.clone();
        }

        /** Bytes in the bitfield, without copying it. */
        public int length() {
            return bits.length;
        }

        void writeBits(ByteBuf out) {
            out.writeBytes(bits);
        }

        @Override
        public int id() {
            return MessageId.BITFIELD;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BitfieldMessage that && Arrays.equals(bits, that.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }

        @Override
        public String toString() {
            return "BitfieldMessage[" + bits.length + " bytes]";
        }
    }

    /** {@code <len=13><id=6><index><begin><length>}: asks for one block. */
    record Request(int index, int begin, int length) implements PeerMessage {
        @Override
        public int id() {
            return MessageId.REQUEST;
        }
    }

    /**
     * {@code <len=9+X><id=7><index><begin><block>}: one block of data.
     *
     * <p><b>Reference counting.</b> A Piece owns one reference to {@link #block()} and is itself {@link
     * ReferenceCounted} by delegating to it. Whoever holds a Piece releases it exactly once: the decoder
     * hands a Piece (its block copied out of the input into a buffer of its own) to the next handler,
     * which must release it; {@link PeerMessageEncoder} releases a Piece it writes, as Netty encoders do.
     */
    record Piece(int index, int begin, ByteBuf block) implements PeerMessage, ReferenceCounted {
        public Piece {
            Objects.requireNonNull(block, "block");
        }

        /** The request this piece answers. */
        public Request request() {
            return new Request(index, begin, block.readableBytes());
        }

        @Override
        public int id() {
            return MessageId.PIECE;
        }

        @Override
        public int refCnt() {
            return block.refCnt();
        }

        @Override
        public Piece retain() {
            block.retain();
            return this;
        }

        @Override
        public Piece retain(int increment) {
            block.retain(increment);
            return this;
        }

        @Override
        public Piece touch() {
            block.touch();
            return this;
        }

        @Override
        public Piece touch(Object hint) {
            block.touch(hint);
            return this;
        }

        @Override
        public boolean release() {
            return block.release();
        }

        @Override
        public boolean release(int decrement) {
            return block.release(decrement);
        }

        @Override
        public String toString() {
            return "Piece[index=" + index + ", begin=" + begin + ", length=" + block.readableBytes() + "]";
        }
    }

    /** {@code <len=13><id=8><index><begin><length>}: withdraws a request. */
    record Cancel(int index, int begin, int length) implements PeerMessage {
        public static Cancel of(Request request) {
            return new Cancel(request.index(), request.begin(), request.length());
        }

        public Request request() {
            return new Request(index, begin, length);
        }

        @Override
        public int id() {
            return MessageId.CANCEL;
        }
    }

    /** {@code <len=3><id=9><listen-port>} (BEP 5): the sender's DHT port, 0-65535. */
    record Port(int port) implements PeerMessage {
        @Override
        public int id() {
            return MessageId.PORT;
        }
    }

    /** {@code <len=5><id=0x0D><index>} (BEP 6): "you might like to download this piece". */
    record Suggest(int index) implements PeerMessage {
        @Override
        public int id() {
            return MessageId.SUGGEST;
        }
    }

    /** {@code <len=1><id=0x0E>} (BEP 6): the sender has every piece; replaces the bitfield. */
    enum HaveAll implements PeerMessage {
        INSTANCE;

        @Override
        public int id() {
            return MessageId.HAVE_ALL;
        }
    }

    /** {@code <len=1><id=0x0F>} (BEP 6): the sender has no piece; replaces the bitfield. */
    enum HaveNone implements PeerMessage {
        INSTANCE;

        @Override
        public int id() {
            return MessageId.HAVE_NONE;
        }
    }

    /** {@code <len=13><id=0x10><index><begin><length>} (BEP 6): a request will not be served. */
    record Reject(int index, int begin, int length) implements PeerMessage {
        public static Reject of(Request request) {
            return new Reject(request.index(), request.begin(), request.length());
        }

        public Request request() {
            return new Request(index, begin, length);
        }

        @Override
        public int id() {
            return MessageId.REJECT;
        }
    }

    /** {@code <len=5><id=0x11><index>} (BEP 6): the receiver may request this piece while choked. */
    record AllowedFast(int index) implements PeerMessage {
        @Override
        public int id() {
            return MessageId.ALLOWED_FAST;
        }
    }

    /**
     * {@code <len=2+X><id=20><extended id><payload>} (BEP 10): extended id 0 is the {@link
     * ExtensionHandshake}; others are the ids the receiver assigned in its handshake. Bytes are copied.
     */
    record Extended(int extendedId, byte[] payload) implements PeerMessage {
        public Extended {
            if (extendedId < 0 || extendedId > 255) {
                throw new IllegalArgumentException("an extended message id is one byte, got " + extendedId);
            }
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** Bytes in the payload, without copying it. */
        public int payloadLength() {
            return payload.length;
        }

        void writePayload(ByteBuf out) {
            out.writeBytes(payload);
        }

        @Override
        public int id() {
            return MessageId.EXTENDED;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Extended that && extendedId == that.extendedId
                    && Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return 31 * extendedId + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            String shown = payload.length <= 32 ? HexFormat.of().formatHex(payload) : payload.length + " bytes";
            return "Extended[extendedId=" + extendedId + ", payload=" + shown + "]";
        }
    }
}
