package dev.switchboard.torrent.announce;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The client side of BEP 15's wire layout: writes connect and announce requests, reads replies. The
 * only code in this package that reads or writes UDP tracker bytes. Replies are checked for their
 * least size (8 bytes, 16 for connect, 20 for announce) and announce peers for whole entries; longer
 * connect replies are accepted, as the BEP asks. Stateless.
 */
final class UdpTrackerCodec {
    /** BEP 15's magic constant in a connect request. */
    static final long PROTOCOL_ID = 0x41727101980L;
    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int ERROR = 3;
    static final int CONNECT_LENGTH = 16;
    static final int ANNOUNCE_LENGTH = 98;
    static final int ANNOUNCE_REPLY_HEADER = 20;
    static final int HEADER = 8;

    private UdpTrackerCodec() {
    }

    static ByteBuf connect(ByteBufAllocator alloc, int transactionId) {
        return alloc.buffer(CONNECT_LENGTH)
                .writeLong(PROTOCOL_ID)
                .writeInt(CONNECT)
                .writeInt(transactionId);
    }

    static ByteBuf announce(ByteBufAllocator alloc, long connectionId, int transactionId, AnnounceRequest r) {
        return alloc.buffer(ANNOUNCE_LENGTH)
                .writeLong(connectionId)                 // 0
                .writeInt(ANNOUNCE)                      // 8
                .writeInt(transactionId)                 // 12
                .writeBytes(r.infoHash().bytes())        // 16
                .writeBytes(r.peerId().bytes())          // 36
                .writeLong(r.downloaded())               // 56
                .writeLong(r.left())                     // 64
                .writeLong(r.uploaded())                 // 72
                .writeInt(r.event().udpCode())           // 80
                .writeInt(0)                             // 84: IP address, 0 = the sender's
                .writeInt(r.key())                       // 88
                .writeInt(r.numWant())                   // 92: -1 = tracker's default
                .writeShort(r.port());                   // 96
    }

    /**
     * Reads the readable bytes of {@code datagram} without moving its indexes.
     *
     * @param ipv6 whether the tracker was reached over IPv6, which makes announce peers 18 bytes each
     * @throws AnnounceException (malformed) naming what is wrong
     */
    static UdpReply decode(ByteBuf datagram, boolean ipv6) {
        int at = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length < HEADER) {
            throw malformed("reply of " + length + " bytes: at least 8 expected");
        }
        int action = datagram.getInt(at);
        int transactionId = datagram.getInt(at + 4);
        switch (action) {
            case CONNECT -> {
                if (length < CONNECT_LENGTH) {
                    throw malformed("connect reply of " + length + " bytes: at least 16 expected");
                }
                return new UdpReply.Connected(transactionId, datagram.getLong(at + 8));
            }
            case ANNOUNCE -> {
                return announced(datagram, at, length, transactionId, ipv6);
            }
            case ERROR -> {
                byte[] text = new byte[length - HEADER];
                datagram.getBytes(at + HEADER, text);
                return new UdpReply.Refused(transactionId, new String(text, StandardCharsets.UTF_8));
            }
            default -> throw malformed("reply with unexpected action " + Integer.toUnsignedString(action));
        }
    }

    private static UdpReply announced(ByteBuf in, int at, int length, int transactionId, boolean ipv6) {
        if (length < ANNOUNCE_REPLY_HEADER) {
            throw malformed("announce reply of " + length + " bytes: at least 20 expected");
        }
        long interval = in.getUnsignedInt(at + 8);
        long leechers = in.getUnsignedInt(at + 12);
        long seeders = in.getUnsignedInt(at + 16);
        byte[] peers = new byte[length - ANNOUNCE_REPLY_HEADER];
        in.getBytes(at + ANNOUNCE_REPLY_HEADER, peers);
        List<InetSocketAddress> decoded;
        try {
            decoded = CompactPeers.decode(peers, ipv6 ? CompactPeers.IPV6_ENTRY : CompactPeers.IPV4_ENTRY,
                    "announce reply peers");
        } catch (CompactPeers.WrongLength e) {
            throw malformed(e.getMessage());
        }
        AnnounceResponse response = new AnnounceResponse(
                Duration.ofSeconds(Math.min(interval, BencodedAnnounceReply.MAX_INTERVAL_SECONDS)),
                Optional.empty(),
                decoded,
                count(seeders), count(leechers), Optional.empty(), Optional.empty());
        return new UdpReply.Announced(transactionId, response);
    }

    private static OptionalInt count(long value) {
        return OptionalInt.of((int) Math.min(value, Integer.MAX_VALUE));
    }

    private static AnnounceException malformed(String what) {
        return new AnnounceException(AnnounceException.Kind.MALFORMED, "malformed UDP tracker " + what);
    }
}
