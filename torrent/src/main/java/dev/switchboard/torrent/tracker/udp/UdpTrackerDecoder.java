package dev.switchboard.torrent.tracker.udp;

import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.AnnounceRequest;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.ConnectRequest;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.ScrapeRequest;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one BEP 15 request from one datagram; the only code that reads the request layout. Lengths
 * are checked exactly: a connect is 16 bytes, an announce 98 (followed only by well-formed BEP 41
 * options), a scrape 16 plus 20 for each of 1 to {@code maxScrapeHashes} info-hashes. Does not touch
 * the buffer's reader index and never keeps a reference to it. Stateless and thread-safe.
 */
public final class UdpTrackerDecoder {
    /** BEP 15's magic constant that starts a connect request. */
    public static final long PROTOCOL_ID = 0x41727101980L;
    /** The longest datagram accepted; a longer one is refused. */
    public static final int MAX_DATAGRAM = 2048;
    static final int HEADER = 16;
    static final int ANNOUNCE_LENGTH = 98;

    private final int maxScrapeHashes;

    public UdpTrackerDecoder(int maxScrapeHashes) {
        this.maxScrapeHashes = maxScrapeHashes;
    }

    /**
     * Decodes the readable bytes of {@code datagram}.
     *
     * @throws UdpTrackerDecodeException with the reason, and the transaction id when there was one
     */
    public UdpTrackerRequest decode(ByteBuf datagram) {
        int at = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length < HEADER) {
            throw UdpTrackerDecodeException.unanswerable("datagram of " + length + " bytes: a request has at least 16");
        }
        long connectionId = datagram.getLong(at);
        int action = datagram.getInt(at + 8);
        int transactionId = datagram.getInt(at + 12);
        if (length > MAX_DATAGRAM) {
            throw UdpTrackerDecodeException.of(transactionId, "datagram too long: at most " + MAX_DATAGRAM + " bytes");
        }
        return switch (action) {
            case UdpActions.CONNECT -> connect(connectionId, transactionId, length);
            case UdpActions.ANNOUNCE -> announce(datagram, at, connectionId, transactionId, length);
            case UdpActions.SCRAPE -> scrape(datagram, at, connectionId, transactionId, length);
            default -> throw UdpTrackerDecodeException.of(transactionId,
                    "unknown action " + Integer.toUnsignedString(action) + " (0 connect, 1 announce, 2 scrape)");
        };
    }

    private static ConnectRequest connect(long protocolId, int transactionId, int length) {
        if (protocolId != PROTOCOL_ID) {
            throw UdpTrackerDecodeException.of(transactionId, "connect without the protocol id 0x41727101980");
        }
        if (length != HEADER) {
            throw UdpTrackerDecodeException.of(transactionId, "connect request of " + length + " bytes: must be 16");
        }
        return new ConnectRequest(transactionId);
    }

    private static AnnounceRequest announce(ByteBuf in, int at, long connectionId, int transactionId, int length) {
        if (length < ANNOUNCE_LENGTH) {
            throw UdpTrackerDecodeException.of(transactionId,
                    "announce request of " + length + " bytes: must be at least 98");
        }
        checkOptions(in, at + ANNOUNCE_LENGTH, at + length, transactionId);
        InfoHash infoHash = InfoHash.of(bytes(in, at + 16, InfoHash.LENGTH));
        PeerId peerId = PeerId.of(bytes(in, at + 36, PeerId.LENGTH));
        long downloaded = in.getLong(at + 56);
        long left = in.getLong(at + 64);
        long uploaded = in.getLong(at + 72);
        if (downloaded < 0 || left < 0 || uploaded < 0) {
            throw UdpTrackerDecodeException.of(transactionId, "negative downloaded, left or uploaded");
        }
        AnnounceEvent event;
        try {
            event = AnnounceEvent.ofUdpCode(in.getInt(at + 80));
        } catch (IllegalArgumentException e) {
            throw UdpTrackerDecodeException.of(transactionId, e.getMessage());
        }
        int ipAddress = in.getInt(at + 84);
        int key = in.getInt(at + 88);
        int numWant = in.getInt(at + 92);
        int port = in.getUnsignedShort(at + 96);
        if (port == 0) {
            throw UdpTrackerDecodeException.of(transactionId, "invalid port 0");
        }
        return new AnnounceRequest(connectionId, transactionId, infoHash, peerId, downloaded, left, uploaded,
                event, ipAddress, key, numWant, port);
    }

    /**
     * BEP 41 options after an announce: 0 ends them, 1 is padding, any other type is followed by a
     * length byte and that many bytes of data. Their content is not used.
     */
    private static void checkOptions(ByteBuf in, int from, int to, int transactionId) {
        int i = from;
        while (i < to) {
            int type = in.getUnsignedByte(i++);
            if (type == 0) {
                return;
            }
            if (type == 1) {
                continue;
            }
            if (i >= to || i + 1 + in.getUnsignedByte(i) > to) {
                throw UdpTrackerDecodeException.of(transactionId, "truncated BEP 41 option of type " + type
                        + " after the announce");
            }
            i += 1 + in.getUnsignedByte(i);
        }
    }

    private ScrapeRequest scrape(ByteBuf in, int at, long connectionId, int transactionId, int length) {
        int body = length - HEADER;
        if (body == 0 || body % InfoHash.LENGTH != 0) {
            throw UdpTrackerDecodeException.of(transactionId, "scrape request of " + length
                    + " bytes: must be 16 plus 20 for each info-hash");
        }
        int count = body / InfoHash.LENGTH;
        if (count > maxScrapeHashes) {
            throw UdpTrackerDecodeException.of(transactionId, "scrape of " + count + " info-hashes: at most "
                    + maxScrapeHashes);
        }
        List<InfoHash> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(InfoHash.of(bytes(in, at + HEADER + i * InfoHash.LENGTH, InfoHash.LENGTH)));
        }
        return new ScrapeRequest(connectionId, transactionId, hashes);
    }

    private static byte[] bytes(ByteBuf in, int index, int length) {
        byte[] out = new byte[length];
        in.getBytes(index, out);
        return out;
    }
}
