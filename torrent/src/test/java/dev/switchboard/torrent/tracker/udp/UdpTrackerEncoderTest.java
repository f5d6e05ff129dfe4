package dev.switchboard.torrent.tracker.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.torrent.tracker.PeerEndpoint;
import dev.switchboard.torrent.tracker.ScrapeStats;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.AnnounceResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ConnectResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ErrorResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ScrapeResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact bytes of BEP 15 responses. */
class UdpTrackerEncoderTest {
    private static String hex(UdpTrackerResponse response) {
        ByteBuf out = UdpTrackerEncoder.encode(response, PooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    @Test
    void connect() {
        assertThat(hex(new ConnectResponse(0x01020304, 0x1122334455667788L)))
                .isEqualTo("00000000" + "01020304" + "1122334455667788");
    }

    @Test
    void announceWithIpv4AndWithIpv6Peers() throws Exception {
        PeerEndpoint v4 = new PeerEndpoint(InetAddress.getByName("127.0.0.1"), 6881);
        assertThat(hex(new AnnounceResponse(7, 1800, 2, 3, List.of(v4))))
                .isEqualTo("00000001" + "00000007" + "00000708" + "00000002" + "00000003" + "7f000001" + "1ae1");
        PeerEndpoint v6 = new PeerEndpoint(InetAddress.getByName("::1"), 6881);
        assertThat(hex(new AnnounceResponse(7, 60, 0, 1, List.of(v6))))
                .isEqualTo("00000001" + "00000007" + "0000003c" + "00000000" + "00000001"
                        + "00000000000000000000000000000001" + "1ae1");
    }

    @Test
    void scrapeInRequestOrder() {
        assertThat(hex(new ScrapeResponse(9, List.of(new ScrapeStats(1, 2, 3), ScrapeStats.NONE))))
                .isEqualTo("00000002" + "00000009" + "000000010000000200000003" + "000000000000000000000000");
    }

    @Test
    void errorWithItsMessageCutToTheBound() {
        assertThat(hex(new ErrorResponse(5, "no"))).isEqualTo("00000003" + "00000005" + "6e6f");
        ByteBuf out = UdpTrackerEncoder.encode(new ErrorResponse(5, "x".repeat(1000)), PooledByteBufAllocator.DEFAULT);
        assertThat(out.readableBytes()).isEqualTo(8 + UdpTrackerEncoder.MAX_MESSAGE);
        out.release();
    }
}
