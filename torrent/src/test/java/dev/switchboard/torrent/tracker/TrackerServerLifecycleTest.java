package dev.switchboard.torrent.tracker;

import static dev.switchboard.torrent.tracker.TrackerClient.announceQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.transport.TcpServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Binding, port conflicts, the periodic sweep and a clean stop. */
class TrackerServerLifecycleTest {
    @RegisterExtension
    final TrackerFixture trackers = new TrackerFixture();

    @Test
    void aTakenTcpPortIsAListenErrorInWords() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> trackers.start(b -> b.port(port)))
                    .isInstanceOf(TcpServer.ListenException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port
                            + ": address already in use (is another server running on that port?)");
        }
    }

    @Test
    void aTakenUdpPortIsAListenErrorAndReleasesTheTcpPort() throws Exception {
        int port;
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            assertThatThrownBy(() -> trackers.start(b -> b.port(port)))
                    .isInstanceOf(TcpServer.ListenException.class)
                    .hasMessageContaining("address already in use");
        }
        TrackerServer tracker = trackers.start(b -> b.port(port));
        assertThat(tracker.localAddress().getPort()).isEqualTo(port);
    }

    @Test
    void theSweepDropsSilentPeersOnItsOwn() throws Exception {
        SettableClock clock = new SettableClock();
        TrackerServer tracker = trackers.start(b -> b.clock(clock).announceInterval(Duration.ofSeconds(60))
                .peerGrace(Duration.ofSeconds(30)).sweepInterval(Duration.ofMillis(20)));
        TrackerClient.get(tracker.localAddress(), "/announce?" + announceQuery(new byte[20], 7001, 0, ""));
        assertThat(tracker.state().peerCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(91));
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.state().peerCount() == 0);
        assertThat(tracker.state().torrentCount()).isZero();
    }

    @Test
    void closeReleasesBothPortsAndIsIdempotent() throws Exception {
        TrackerServer tracker = trackers.start();
        int port = tracker.localAddress().getPort();
        tracker.close();
        tracker.close();
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(tcp.getLocalPort()).isEqualTo(udp.getLocalPort());
        }
    }
}
