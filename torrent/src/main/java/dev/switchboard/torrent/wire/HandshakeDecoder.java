package dev.switchboard.torrent.wire;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the remote peer's 68-byte {@link Handshake}, however the bytes are split across reads, and
 * emits it once. The length byte and the protocol string are checked as soon as they arrive, so a
 * connection that does not speak BitTorrent (or speaks it encrypted, which we do not support) is
 * refused from its first bytes. Per channel (stateful).
 *
 * <p>The handler that receives the handshake replaces this decoder with a {@link PeerMessageDecoder};
 * Netty then hands the bytes that followed the handshake in the same read to the new decoder. Should
 * the decoder stay in the pipeline after its one handshake (the handshake was refused and the channel is
 * closing), it discards whatever else arrives.
 */
public final class HandshakeDecoder extends ByteToMessageDecoder {
    private static final byte[] PROTOCOL = Handshake.PROTOCOL.getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX = 1 + PROTOCOL.length;

    private boolean done;

    public HandshakeDecoder() {
        setSingleDecode(true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            checkPrefix(in);
        } catch (PeerWireException e) {
            done = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (in.readableBytes() < Handshake.LENGTH) {
            return;
        }
        done = true;
        in.skipBytes(PREFIX);
        long reserved = in.readLong();
        byte[] infoHash = new byte[InfoHash.LENGTH];
        in.readBytes(infoHash);
        byte[] peerId = new byte[PeerId.LENGTH];
        in.readBytes(peerId);
        out.add(new Handshake(reserved, InfoHash.of(infoHash), PeerId.of(peerId)));
    }

    /** Checks the bytes of {@code <19>"BitTorrent protocol"} that have arrived so far. */
    private void checkPrefix(ByteBuf in) {
        int available = Math.min(in.readableBytes(), PREFIX);
        int start = in.readerIndex();
        if (available > 0 && in.getUnsignedByte(start) != PROTOCOL.length) {
            throw PeerWireException.malformed("handshake starts with length " + in.getUnsignedByte(start)
                    + ", expected 19 (\"BitTorrent protocol\"); an encrypted or non-BitTorrent connection?");
        }
        for (int i = 1; i < available; i++) {
            if (in.getByte(start + i) != PROTOCOL[i - 1]) {
                throw PeerWireException.malformed("handshake protocol string differs from \""
                        + Handshake.PROTOCOL + "\" at byte " + i);
            }
        }
    }
}
