package dev.switchboard.reqrep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw mode: plain socket programs like the seed's client, told apart by their first bytes. */
class RawModeTest {
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();
    @RegisterExtension
    final LogCapture log = LogCapture.of(RawHandler.class);

    @Test
    void seedClientGetsHelloClientAndTheConnectionCloses() {
        ReqRepServer server = servers.start();
        try (RawClient client = RawClient.connect(server.localAddress())) {
            client.send("Hello, server!".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("Hello, client!");
        }
    }

    @Test
    void eachRawRequestIsLoggedWithPeerAndBytes() {
        ReqRepServer server = servers.start();
        int localPort;
        try (RawClient client = RawClient.connect(server.localAddress())) {
            localPort = client.socket().getLocalPort();
            client.send("Hello, server!".getBytes(StandardCharsets.US_ASCII));
            client.readToEnd();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.messages())
                .contains("raw request from 127.0.0.1:" + localPort + ": b'Hello, server!'"));
    }

    @Test
    void rawRouteCanBeEcho() {
        ReqRepServer server = servers.start(b -> b.rawRoute("echo"));
        try (RawClient client = RawClient.connect(server.localAddress())) {
            client.send(new byte[] {1, 2, 3, 'x'});
            assertThat(client.readToEnd()).containsExactly(1, 2, 3, 'x');
        }
    }

    @Test
    void aZeroByteThatIsNotOurMagicIsRaw() {
        ReqRepServer server = servers.start(b -> b.rawRoute("echo"));
        try (RawClient client = RawClient.connect(server.localAddress())) {
            client.sendHex("00 01 02 03 04");
            assertThat(client.readToEnd()).containsExactly(0, 1, 2, 3, 4);
        }
    }
}
