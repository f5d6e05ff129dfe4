package dev.switchboard.torrent.tracker.udp;

import dev.switchboard.torrent.tracker.PeerEndpoint;
import dev.switchboard.torrent.tracker.ScrapeStats;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.AnnounceResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ConnectResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ErrorResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ScrapeResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Writes one BEP 15 response into a new buffer; the only code that writes the response layout. */
public final class UdpTrackerEncoder {
    /** Error messages are cut to this many bytes so an error never outgrows a small datagram. */
    static final int MAX_MESSAGE = 200;

    private UdpTrackerEncoder() {
    }

    /** A new buffer from {@code alloc} holding {@code response}; the caller owns it. */
    public static ByteBuf encode(UdpTrackerResponse response, ByteBufAllocator alloc) {
        if (response instanceof ConnectResponse r) {
            return alloc.buffer(16).writeInt(UdpActions.CONNECT).writeInt(r.transactionId()).writeLong(r.connectionId());
        }
        if (response instanceof AnnounceResponse r) {
            ByteBuf out = alloc.buffer(20 + 18 * r.peers().size());
            out.writeInt(UdpActions.ANNOUNCE).writeInt(r.transactionId())
                    .writeInt(r.intervalSeconds()).writeInt(r.leechers()).writeInt(r.seeders());
            for (PeerEndpoint peer : r.peers()) {
                out.writeBytes(peer.address().getAddress()).writeShort(peer.port());
            }
            return out;
        }
        if (response instanceof ScrapeResponse r) {
            ByteBuf out = alloc.buffer(8 + 12 * r.stats().size());
            out.writeInt(UdpActions.SCRAPE).writeInt(r.transactionId());
            for (ScrapeStats s : r.stats()) {
                out.writeInt(s.complete()).writeInt(s.downloaded()).writeInt(s.incomplete());
            }
            return out;
        }
        ErrorResponse r = (ErrorResponse) response;
        byte[] message = r.message().getBytes(StandardCharsets.US_ASCII);
        int length = Math.min(message.length, MAX_MESSAGE);
        return alloc.buffer(8 + length).writeInt(UdpActions.ERROR).writeInt(r.transactionId())
                .writeBytes(message, 0, length);
    }
}
