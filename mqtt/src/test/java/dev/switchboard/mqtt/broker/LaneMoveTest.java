package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections move to their client's lane after CONNECT ({@link LaneMove}). Two event loops, so
 * about half the clients are accepted on a loop that is not their lane and have to move; the
 * clients here write everything at once, so packets are read behind the CONNECT while it moves.
 */
class LaneMoveTest {
    private static final int CLIENTS = 16;

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @Test
    void everyConnectedClientIsReadOnItsLane() {
        MqttBroker broker = brokers.start();
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                RawClient c = RawClient.connect(broker.localAddress());
                clients.add(c);
                c.send(WirePackets.connect("lane-" + i, false)).expectHex(RawWireBrokerTest.CONNACK_ACCEPTED);
            }
            for (int i = 0; i < CLIENTS; i++) {
                assertThat(broker.servedOnItsLane("lane-" + i)).as("client lane-" + i).isTrue();
            }
        } finally {
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void publishesWrittenWithTheConnectAndAFinAreAllDeliveredInOrder() throws Exception {
        // CONNECT, 20 QoS 1 PUBLISHes, DISCONNECT and the FIN reach the broker together: the close
        // must not overtake what was read behind the CONNECT while the channel moved
        MqttBroker broker = brokers.start();
        List<String> received = brokers.watch(broker, "lm/#", 1);
        int perClient = 20;
        for (int i = 0; i < CLIENTS; i++) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(WirePackets.connect("pub-" + i, false));
            for (int n = 1; n <= perClient; n++) {
                all.write(WirePackets.publish("lm/" + i, 1, n, ("m" + n).getBytes(StandardCharsets.UTF_8), false));
            }
            all.write(new byte[] {(byte) 0xe0, 0x00}); // DISCONNECT
            try (RawClient publisher = RawClient.connect(broker.localAddress())) {
                publisher.send(all.toByteArray());
                publisher.socket().shutdownOutput();
                publisher.readToEnd(); // the broker closes on the FIN: its replies may or may not come
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == CLIENTS * perClient);
        for (int i = 0; i < CLIENTS; i++) {
            String topic = "lm/" + i;
            assertThat(received.stream().filter(r -> r.startsWith(topic + " ")).collect(Collectors.toList()))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, perClient).mapToObj(n -> topic + " m" + n)
                            .collect(Collectors.toList()));
        }
    }

    @Test
    void aClientClosingRightAfterItsPublishIsStillHeard() throws Exception {
        // the seed's publisher: CONNECT, PUBLISH (QoS 0), DISCONNECT, then close without reading
        MqttBroker broker = brokers.start();
        List<String> received = brokers.watch(broker, "seed/#", 1);
        for (int i = 0; i < CLIENTS; i++) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(WirePackets.connect("seed-" + i, false));
            all.write(WirePackets.publish("seed/" + i, 0, 0, "hello".getBytes(StandardCharsets.UTF_8), false));
            all.write(new byte[] {(byte) 0xe0, 0x00});
            try (RawClient publisher = RawClient.connect(broker.localAddress())) {
                publisher.send(all.toByteArray());
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == CLIENTS);
        assertThat(received).containsExactlyInAnyOrderElementsOf(IntStream.range(0, CLIENTS)
                .mapToObj(i -> "seed/" + i + " hello").collect(Collectors.toList()));
    }

    @Test
    void theOnlineCountComesBackToZeroAfterClientsThatLeaveAtOnce() throws Exception {
        // a close while moving still ends the session (no client left online, no session kept)
        MqttBroker broker = brokers.start();
        for (int i = 0; i < CLIENTS; i++) {
            try (RawClient c = RawClient.connect(broker.localAddress())) {
                c.send(WirePackets.connect("gone-" + i, false));
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.openConnections() == 0 && broker.sessions() == 0);
    }
}
