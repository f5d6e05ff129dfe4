package dev.switchboard.torrent.tracker;

import static dev.switchboard.torrent.tracker.TrackerClient.announceQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.torrent.tracker.TrackerClient.Reply;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile and broken HTTP: every one answered with a reason, and the tracker keeps serving. */
class TrackerServerBadInputTest {
    private static final byte[] HASH = new byte[20];

    @RegisterExtension
    final TrackerFixture trackers = new TrackerFixture();
    private TrackerServer tracker;
    private InetSocketAddress address;

    @BeforeEach
    void start() {
        tracker = trackers.start(b -> b.maxConnections(20).idleTimeout(Duration.ofSeconds(2)));
        address = tracker.localAddress();
    }

    private void assertStillServes() throws Exception {
        Reply reply = TrackerClient.get(address, "/announce?" + announceQuery(HASH, 7001, 0, "&compact=1"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.failureReason()).isNull();
    }

    @Test
    void aOneMebibyteQueryGets414AndTheWholeReply() throws Exception {
        Reply reply = TrackerClient.get(address, "/announce?" + announceQuery(HASH, 7001, 0, "&junk=" + "a".repeat(1 << 20)));
        assertThat(reply.status()).isEqualTo(414);
        assertThat(reply.failureReason()).isEqualTo("request line too long: at most 8192 bytes");
        assertStillServes();
    }

    @Test
    void hugeHeadersGet431() throws Exception {
        String request = "GET /announce HTTP/1.1\r\nHost: x\r\nX-Junk: " + "b".repeat(20_000) + "\r\n\r\n";
        Reply reply = TrackerClient.exchange(address, request.getBytes(StandardCharsets.US_ASCII));
        assertThat(reply.status()).isEqualTo(431);
        assertStillServes();
    }

    @Test
    void garbageGets400() throws Exception {
        byte[] garbage = new byte[300];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37);
        }
        garbage[garbage.length - 2] = '\r';
        garbage[garbage.length - 1] = '\n';
        Reply reply = TrackerClient.exchange(address, garbage);
        assertThat(reply.status()).isBetween(400, 499);
        assertThat(reply.failureReason()).isNotBlank();
        assertStillServes();
    }

    @Test
    void malformedAnnouncesGetAFailureReason() throws Exception {
        String valid = announceQuery(HASH, 7001, 0, "");
        String[][] cases = {
                {"info_hash=%00%01", "invalid info_hash: must be 20 bytes, got 2"},
                {valid.replace("port=7001", "port=0"), "invalid port: must be 1-65535, got 0"},
                {valid.replace("port=7001", "port=70000"), "invalid port: must be 1-65535, got 70000"},
                {valid + "&info_hash=%00", "parameter 'info_hash' is given 2 times"},
                {valid.replace("left=0", "left=%zz"), "bad percent-escape in query parameter 'left': "
                        + "'%' must be followed by two hex digits"},
                {"a=1&".repeat(300), "too many query parameters: at most 256"},
        };
        for (String[] c : cases) {
            Reply reply = TrackerClient.get(address, "/announce?" + c[0]);
            assertThat(reply.status()).as(c[0]).isEqualTo(200);
            assertThat(reply.failureReason()).as(c[0]).isEqualTo(c[1]);
        }
        Reply clamped = TrackerClient.get(address, "/announce?" + valid + "&numwant=1000000000");
        assertThat(clamped.failureReason()).isNull();
        assertStillServes();
    }

    @Test
    void rawNonAsciiBytesInTheRequestLineAreRefusedOrRead() throws Exception {
        byte[] request = ("GET /announce?info_hash=" + "\u00ff".repeat(20) + " HTTP/1.0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Reply reply = TrackerClient.exchange(address, request);
        assertThat(reply.status() == 400 || reply.failureReason() != null).isTrue();
        assertStillServes();
    }

    @Test
    void aClientThatStopsMidRequestIsClosedAtTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.getOutputStream().write("GET /announce?info_hash=".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("closed by the tracker").isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.openConnections() == 0);
        assertStillServes();
    }

    @Test
    void connectionsPastTheLimitAreRefused() throws Exception {
        Socket[] held = new Socket[20];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = new Socket(address.getAddress(), address.getPort());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> tracker.openConnections() == 20);
            try (Socket extra = new Socket(address.getAddress(), address.getPort())) {
                extra.setSoTimeout(5000);
                assertThat(extra.getInputStream().read()).as("closed at once").isEqualTo(-1);
            }
        } finally {
            for (Socket socket : held) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.openConnections() == 0);
        assertStillServes();
    }
}
