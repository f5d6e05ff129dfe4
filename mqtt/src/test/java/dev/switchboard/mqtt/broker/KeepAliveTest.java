package dev.switchboard.mqtt.broker;

import static dev.switchboard.mqtt.broker.RawWireBrokerTest.CONNACK_ACCEPTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keep alive and connect timeout on real sockets, as the broker's read-deadline sweep enforces them. */
class KeepAliveTest {
    /** MQTT 3.1.1 CONNECT, clean session, client id "c1", keep alive 0 (none asked for). */
    private static final String CONNECT_NO_KEEP_ALIVE = "10 0e 0004 4d515454 04 02 0000 0002 6331";
    /** The same with keep alive 1 s. */
    private static final String CONNECT_KEEP_ALIVE_1S = "10 0e 0004 4d515454 04 02 0001 0002 6331";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @Test
    void aClientThatPingsWithinItsKeepAliveStaysConnected() {
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex(CONNECT_KEEP_ALIVE_1S).expectHex(CONNACK_ACCEPTED);
            // 3 s is twice the 1.5 s the broker allows: each PINGREQ must restart the count
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(700)).during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).until(() -> {
                        client.sendHex("c0 00").expectHex("d0 00");
                        return true;
                    });
        }
    }

    @Test
    void maxKeepAliveHoldsAClientThatAskedForNoneToTheBrokersLimit() {
        MqttBroker broker = brokers.start(b -> b.maxKeepAliveSeconds(1));
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            // 3.1.1 has no Server Keep Alive to tell the client: the limit is enforced all the same
            client.sendHex(CONNECT_NO_KEEP_ALIVE).expectHex(CONNACK_ACCEPTED);
            long start = System.nanoTime();
            client.timeout(Duration.ofSeconds(10));
            assertThat(client.isClosedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400),
                    Duration.ofMillis(4000));
        }
    }

    @Test
    void noKeepAliveMeansTheBrokerNeverClosesAnIdleClient() {
        MqttBroker broker = brokers.start(b -> b.connectTimeout(Duration.ofMillis(300)));
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex(CONNECT_NO_KEEP_ALIVE).expectHex(CONNACK_ACCEPTED);
            // silent for ten connect timeouts, then still answered
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
            client.sendHex("c0 00").expectHex("d0 00");
        }
    }

    @Test
    void aConnectionThatSendsPartOfACONNECTIsStillClosedAtTheConnectTimeout() {
        MqttBroker broker = brokers.start(b -> b.connectTimeout(Duration.ofMillis(500)));
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 0e 0004 4d51"); // the first bytes of a CONNECT, never the rest
            long start = System.nanoTime();
            client.timeout(Duration.ofSeconds(10));
            assertThat(client.isClosedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
                    Duration.ofMillis(3000));
        }
    }
}
