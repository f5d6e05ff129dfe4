package dev.switchboard.reqrep.server;

import static dev.switchboard.reqrep.server.FramedServerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idle timeout, connection limit, and slow or silent clients that must not hold up others. */
class IdleAndLimitsTest {
    private static final Duration IDLE = Duration.ofMillis(400);
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    @Test
    void aClientThatSendsNothingIsDroppedAfterTheIdleTimeout() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE));
        try (RawClient silent = RawClient.connect(server.localAddress())) {
            silent.timeout(Duration.ofSeconds(10));
            long start = System.nanoTime();
            assertThat(silent.isClosedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
        }
    }

    @Test
    void aFramedClientThatTricklesBytesIsDroppedAfterTheIdleTimeout() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE));
        try (RawClient trickler = FramedWire.open(server.localAddress())) {
            byte[] frame = FramedWire.bytes(new Frame.Request(1, "echo", new byte[64]));
            // one byte every 100 ms: bytes keep arriving, a frame never completes within the timeout
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    trickler.send(new byte[] {frame[0]});
                    return false;
                } catch (java.io.UncheckedIOException e) {
                    return true; // the server closed it
                }
            });
            assertThat(server.openConnections()).isLessThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void anActiveFramedClientIsNotDropped() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(IDLE));
        try (RawClient client = FramedWire.open(server.localAddress())) {
            long end = System.nanoTime() + IDLE.multipliedBy(3).toNanos();
            int id = 1;
            while (System.nanoTime() < end) {
                FramedWire.send(client, new Frame.Request(id, "echo", bytes("k")));
                assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(id, bytes("k")));
                id++;
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            }
        }
    }

    @Test
    void connectionsPastTheLimitAreRefusedAndTheOthersKeepWorking() {
        ReqRepServer server = servers.start(b -> b.maxConnections(3));
        List<RawClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(FramedWire.open(server.localAddress()));
            }
            try (RawClient refused = RawClient.connect(server.localAddress())) {
                assertThat(refused.isClosedByPeer()).isTrue();
            }
            FramedWire.send(held.get(0), new Frame.Request(1, "echo", bytes("ok")));
            assertThat(FramedWire.read(held.get(0))).isEqualTo(new Frame.Response(1, bytes("ok")));
        } finally {
            held.forEach(RawClient::close);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        try (RawClient again = RawClient.connect(server.localAddress())) {
            again.send("Hello, server!".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(again.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("Hello, client!");
        }
    }

    @Test
    void silentTricklingAndNonReadingClientsDoNotDelayOthers() {
        ReqRepServer server = servers.start(b -> b.idleTimeout(Duration.ofSeconds(30)).ioThreads(1));
        try (RawClient silent = RawClient.connect(server.localAddress());
                RawClient halfPreamble = RawClient.connect(server.localAddress());
                RawClient halfFrame = FramedWire.open(server.localAddress());
                RawClient nonReader = FramedWire.open(server.localAddress())) {
            halfPreamble.sendHex("0053");
            halfFrame.sendHex("00000100 01 00");
            // a client that sends 2,000 requests and reads no answer: its answers back up in TCP
            byte[] big = FramedWire.bytes(new Frame.Request(1, "echo", new byte[60_000]));
            for (int i = 0; i < 40; i++) {
                big[9] = (byte) (i + 1); // distinct request ids
                nonReader.send(big);
            }
            // all on the one event loop; a fresh client is still answered at once
            for (int i = 0; i < 20; i++) {
                try (RawClient raw = RawClient.connect(server.localAddress())) {
                    raw.timeout(Duration.ofSeconds(2));
                    raw.send("Hello, server!".getBytes(StandardCharsets.US_ASCII));
                    assertThat(new String(raw.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("Hello, client!");
                }
                try (RawClient framed = FramedWire.open(server.localAddress())) {
                    framed.timeout(Duration.ofSeconds(2));
                    FramedWire.send(framed, new Frame.Request(1, "echo", bytes("quick")));
                    assertThat(FramedWire.read(framed)).isEqualTo(new Frame.Response(1, bytes("quick")));
                }
            }
        }
    }
}
