package dev.switchboard.reqrep.server;

import static dev.switchboard.reqrep.server.FramedServerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.testkit.RawClient;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a client sees, and what the log says, when its connection idles out: a silent connection and
 * a framed one with no request are closed with one line naming the peer; bytes that never complete
 * a frame do not count; a request that outlasts the timeout is still answered, and the connection
 * is closed once it is idle after that.
 */
class IdleTimeoutTest {
    private static final Duration IDLE = Duration.ofSeconds(1);
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();
    @RegisterExtension
    final LogCapture log = LogCapture.of(UndecidedHandler.class, FramedServerHandler.class);

    @Test
    void aSilentConnectionIsClosedWithOneLogLine() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE));
        try (RawClient silent = RawClient.connect(server.localAddress())) {
            assertClosedAndLogged(silent, "connection", "nothing received within the idle timeout");
        }
    }

    @Test
    void aFramedConnectionWithNoRequestIsClosedWithOneLogLine() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE));
        try (RawClient framed = FramedWire.open(server.localAddress())) {
            assertClosedAndLogged(framed, "framed connection", "no request within 1 s");
        }
    }

    @Test
    void aFrameThatTricklesInTooSlowlyDoesNotCountAsActivity() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE));
        try (RawClient trickler = FramedWire.open(server.localAddress())) {
            byte[] frame = FramedWire.bytes(new Frame.Request(1, "echo", new byte[64]));
            // a valid frame, one byte every 100 ms: it would take 8 s, the idle timeout is 1 s
            AtomicInteger sent = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    trickler.send(new byte[] {frame[sent.get()]});
                    return sent.incrementAndGet() == frame.length;
                } catch (UncheckedIOException e) {
                    return true; // the server closed it
                }
            });
            assertThat(sent.get()).as("bytes sent before the server closed").isLessThan(frame.length);
            assertClosedAndLogged(trickler, "framed connection", "no request within 1 s");
        }
    }

    @Test
    void aRequestThatOutlastsTheIdleTimeoutIsAnsweredThenTheIdleConnectionIsClosed() {
        AtomicReference<CompletableFuture<RouteResponse>> held = new AtomicReference<>();
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE).routes(Routes.builder().route("hold", r -> {
            CompletableFuture<RouteResponse> f = new CompletableFuture<>();
            held.set(f);
            return f;
        }).build()));
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(1, "hold", new byte[0]));
            await().atMost(Duration.ofSeconds(5)).until(() -> held.get() != null);
            // twice the idle timeout with a request in flight: the connection stays open
            await().during(IDLE.multipliedBy(2)).atMost(IDLE.multipliedBy(4))
                    .until(() -> server.openConnections() == 1);

            held.get().complete(RouteResponse.ofUtf8("late"));
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(1, bytes("late")));
            assertClosedAndLogged(client, "framed connection", "no request within 1 s");
        }
    }

    @Test
    void everyClosedConnectionLeavesTheIdleSweep() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE));
        try (RawClient raw = RawClient.connect(server.localAddress())) { // answered, then closed by the server
            raw.send("Hello, server!".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(raw.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("Hello, client!");
        }
        try (RawClient idle = FramedWire.open(server.localAddress()); // idled out
                RawClient silent = RawClient.connect(server.localAddress());
                RawClient framed = FramedWire.open(server.localAddress())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 3);
            assertThat(server.idleWatched()).isEqualTo(3);
            silent.close(); // closed by the client, undecided and framed
            framed.close();
            assertThat(idle.isClosedByPeer()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.idleWatched() == 0);
        }
    }

    /** The server closes the client's connection, and says why in exactly one line at INFO. */
    private void assertClosedAndLogged(RawClient client, String kind, String reason) {
        assertThat(client.isClosedByPeer()).as("closed by the server").isTrue();
        String peer = "127.0.0.1:" + client.socket().getLocalPort();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines())
                .filteredOn(line -> line.contains(peer))
                .singleElement().asString()
                .startsWith("INFO ").endsWith(": closing " + kind + " from " + peer + ": " + reason));
    }
}
