package dev.switchboard.reqrep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Raw mode: plain socket programs like the seed's client, told apart by their first bytes. */
class RawModeTest {
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger rawLogger = (Logger) LoggerFactory.getLogger(RawHandler.class);

    @BeforeEach
    void captureLog() {
        log.start();
        rawLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        rawLogger.detachAppender(log);
    }

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
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.list)
                .extracting(ILoggingEvent::getFormattedMessage)
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
