package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker scripted byte by byte: CONNECT rules, keep alive, and what bad input gets. */
class RawWireBrokerTest {
    /** MQTT 3.1.1 CONNECT, client id "c1", clean session, keep alive 60 s. */
    static final String CONNECT_311 = "10 0e"  // CONNECT, remaining length 14
            + " 0004 4d515454"                  // protocol name "MQTT"
            + " 04"                             // level 4 (3.1.1)
            + " 02"                             // flags: clean session
            + " 003c"                           // keep alive 60 s
            + " 0002 6331";                     // client id "c1"
    static final String CONNACK_ACCEPTED = "20 02 00 00";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @Test
    void connectPublishDisconnectBackToBackIsDelivered() throws Exception {
        // the seed's publisher writes all three without waiting for CONNACK
        MqttBroker broker = brokers.start();
        List<String> received = brokers.watch(broker, "example/topic", 1);
        try (RawClient publisher = RawClient.connect(broker.localAddress())) {
            publisher.sendHex(CONNECT_311
                    + " 30 22"                                  // PUBLISH QoS 0, remaining length 34
                    + " 000d 6578616d706c652f746f706963"        // topic "example/topic"
                    + " 48656c6c6f2c20737562736372696265727321" // "Hello, subscribers!"
                    + " e0 00");                                // DISCONNECT
            publisher.expectHex(CONNACK_ACCEPTED);
            assertThat(publisher.isClosedByPeer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received).containsExactly("example/topic Hello, subscribers!");
    }

    @Test
    void aPacketBeforeConnectClosesTheConnection() {
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("c0 00"); // PINGREQ
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void aSecondConnectIsAProtocolError() {
        // MQTT-3.1.0-2
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex(CONNECT_311).expectHex(CONNACK_ACCEPTED);
            client.sendHex(CONNECT_311);
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void anUnsupportedProtocolLevelGetsReturnCode1() {
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 0e 0004 4d515454 06 02 003c 0002 6331"); // level 6
            client.expectHex("20 02 00 01");                             // unacceptable protocol version
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void anEmptyClientIdWithAPersistentSessionGetsReturnCode2() {
        // MQTT-3.1.3-8
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 0c 0004 4d515454 04 00 003c 0000"); // clean session 0, client id ""
            client.expectHex("20 02 00 02");                       // identifier rejected
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void anEmptyClientIdWithCleanSessionIsAccepted() {
        // MQTT-3.1.3-6
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 0c 0004 4d515454 04 02 003c 0000");
            client.expectHex(CONNACK_ACCEPTED);
            client.sendHex("c0 00").expectHex("d0 00"); // PINGREQ, PINGRESP
        }
    }

    @Test
    void noConnectWithinTheConnectTimeoutClosesTheSocket() {
        MqttBroker broker = brokers.start(b -> b.connectTimeout(Duration.ofMillis(300)));
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void keepAliveIsEnforcedAtOneAndAHalfTimesTheInterval() {
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 0e 0004 4d515454 04 02 0001 0002 6331"); // keep alive 1 s
            client.expectHex(CONNACK_ACCEPTED);
            long start = System.nanoTime();
            assertThat(client.isClosedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1200));
        }
    }

    @Test
    void aConnectClaimingMoreThanTheMaximumPacketSizeIsClosedAtOnce() {
        MqttBroker broker = brokers.start(b -> b.maxPacketSize(1024));
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 ffff03"); // CONNECT with a remaining length of 65,535: nothing else is sent
            client.timeout(Duration.ofSeconds(5));
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void aWildcardInAPublishTopicClosesTheConnection() {
        // MQTT-3.3.2-2
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex(CONNECT_311).expectHex(CONNACK_ACCEPTED);
            client.sendHex("30 05 0003 612f23"); // PUBLISH to "a/#"
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void mqtt5ClientsAreToldWhyWithDisconnectMalformedPacket() {
        MqttBroker broker = brokers.start();
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 0f 0004 4d515454 05 02 003c 00 0002 6331"); // MQTT 5 CONNECT, no properties
            byte[] header = client.read(2);
            assertThat(header[0]).isEqualTo((byte) 0x20);
            client.read(header[1]); // CONNACK variable header and properties
            client.sendHex("36 05 0001 61 0001"); // PUBLISH with QoS 3: malformed
            byte[] disconnect = client.read(2);
            assertThat(disconnect[0]).isEqualTo((byte) 0xe0);                    // DISCONNECT
            byte[] body = client.read(disconnect[1]);
            assertThat(body[0]).isEqualTo((byte) 0x81);                          // reason: malformed packet
            assertThat(new String(body, StandardCharsets.UTF_8)).containsIgnoringCase("QoS"); // says why
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void theWillIsPublishedWhenTheClientVanishesButNotAfterDisconnect() throws Exception {
        MqttBroker broker = brokers.start();
        List<String> received = brokers.watch(broker, "w/#", 1);
        String connectWithWill = "10 19 0004 4d515454 04"
                + " 06"              // flags: will, clean session
                + " 003c 0002 6331"  // keep alive 60, client id "c1"
                + " 0003 772f31"     // will topic "w/1"
                + " 0004 676f6e65";  // will message "gone"
        try (RawClient polite = RawClient.connect(broker.localAddress())) {
            polite.sendHex(connectWithWill.replace("772f31", "772f32")).expectHex(CONNACK_ACCEPTED);
            polite.sendHex("e0 00");
            assertThat(polite.isClosedByPeer()).isTrue();
        }
        try (RawClient vanishing = RawClient.connect(broker.localAddress())) {
            vanishing.sendHex(connectWithWill).expectHex(CONNACK_ACCEPTED);
        } // closed without DISCONNECT
        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        assertThat(received).containsExactly("w/1 gone");
    }

    @Test
    void aClientExceedingTheReceiveMaximumGetsDisconnect0x93() {
        // MQTT-3.3.4-9: the broker's CONNACK says Receive Maximum 2 here
        MqttBroker broker = brokers.start(b -> b.receiveMaximum(2));
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex("10 0f 0004 4d515454 05 02 003c 00 0002 6331"); // MQTT 5 CONNECT
            byte[] header = client.read(2);
            client.read(header[1]);
            for (int id = 1; id <= 3; id++) {
                // PUBLISH QoS 2 to "a", packet id 1..3, no properties, payload "x"; no PUBREL follows
                client.sendHex("34 07 0001 61 000" + id + " 00 78");
                if (id <= 2) {
                    client.expectHex("50 04 000" + id + " 10 00"); // PUBREC: 0x10 no matching subscribers
                }
            }
            byte[] disconnect = client.read(2);
            assertThat(disconnect[0]).isEqualTo((byte) 0xe0);
            assertThat(client.read(disconnect[1])[0]).isEqualTo((byte) 0x93);
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }
}
