package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 rules scripted byte by byte: topic aliases, No Local on shared, Maximum Packet Size, shutdown. */
class Mqtt5RulesTest {
    /** MQTT 5 CONNECT, client id "c1", clean start, keep alive 60 s, no properties. */
    static final String CONNECT_5 = "10 0f 0004 4d515454 05 02 003c 00 0002 6331";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    /** One whole packet: the fixed header's first byte, then the body. */
    record RawPacket(int type, byte[] body) {
    }

    static RawPacket readPacket(RawClient client) {
        int first = client.read(1)[0] & 0xFF;
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = client.read(1)[0] & 0xFF;
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return new RawPacket(first, length == 0 ? new byte[0] : client.read(length));
    }

    private static RawClient connected(MqttBroker broker, String connectHex) {
        RawClient client = RawClient.connect(broker.localAddress());
        client.sendHex(connectHex);
        RawPacket connAck = readPacket(client);
        assertThat(connAck.type()).isEqualTo(0x20);
        assertThat(connAck.body()[1]).as("CONNACK reason code").isZero();
        return client;
    }

    @Test
    void theConnAckOffersTopicAliasesAndAnAliasStandsForItsTopic() throws Exception {
        MqttBroker broker = brokers.start();
        List<String> received = brokers.watch(broker, "a/#", 0);
        try (RawClient client = RawClient.connect(broker.localAddress())) {
            client.sendHex(CONNECT_5);
            RawPacket connAck = readPacket(client);
            // Topic Alias Maximum (0x22) 10 among the CONNACK properties
            assertThat(indexOf(connAck.body(), new byte[] {0x22, 0x00, 0x0a})).isPositive();
            client.sendHex("30 0a 0003 612f62 03 230001 78"); // PUBLISH "a/b", Topic Alias 1, "x"
            client.sendHex("30 07 0000 03 230001 79");        // PUBLISH "", Topic Alias 1, "y"
            client.sendHex("30 0a 0003 612f63 03 230001 7a"); // alias 1 now means "a/c", "z"
            client.sendHex("30 07 0000 03 230001 77");        // "w" to "a/c"
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        }
        assertThat(received).containsExactly("a/b x", "a/b y", "a/c z", "a/c w");
    }

    @Test
    void aTopicAliasAboveTheMaximumGetsDisconnect0x94() {
        // MQTT-3.3.2-9: a Topic Alias greater than the Topic Alias Maximum the server sent
        MqttBroker broker = brokers.start();
        try (RawClient client = connected(broker, CONNECT_5)) {
            client.sendHex("30 07 0000 03 23000b 79"); // alias 11, maximum 10
            RawPacket disconnect = readPacket(client);
            assertThat(disconnect.type()).isEqualTo(0xE0);
            assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x94);
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void anAliasNeverSetIsAProtocolError() {
        MqttBroker broker = brokers.start();
        try (RawClient client = connected(broker, CONNECT_5)) {
            client.sendHex("30 07 0000 03 230002 79"); // empty topic, alias 2 never set
            RawPacket disconnect = readPacket(client);
            assertThat(disconnect.type()).isEqualTo(0xE0);
            assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x82);
        }
    }

    @Test
    void topicAliasesAreRefusedWhenTheBrokerOffersNone() {
        MqttBroker broker = brokers.start(b -> b.topicAliasMaximum(0));
        try (RawClient client = connected(broker, CONNECT_5)) {
            client.sendHex("30 0a 0003 612f62 03 230001 78");
            assertThat(readPacket(client).body()[0] & 0xFF).isEqualTo(0x94);
        }
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        // MQTT-3.8.3-4
        MqttBroker broker = brokers.start();
        try (RawClient client = connected(broker, CONNECT_5)) {
            client.sendHex("82 10 0001 00 000a 2473686172652f672f74 05"); // "$share/g/t", QoS 1 + No Local
            RawPacket disconnect = readPacket(client);
            assertThat(disconnect.type()).isEqualTo(0xE0);
            assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x82);
            assertThat(client.isClosedByPeer()).isTrue();
        }
        assertThat(broker.subscriptions()).isZero();
    }

    @Test
    void aMessageOverTheClientsMaximumPacketSizeIsNotSentToIt() throws Exception {
        // MQTT-3.1.2-24/25: discarded as if delivered; the next one that fits arrives
        MqttBroker broker = brokers.start();
        try (RawClient client = connected(broker, "10 14 0004 4d515454 05 02 003c 05 2700000040 0002 6331")) {
            client.sendHex("82 0b 0001 00 0005 6269672f23 00");   // SUBSCRIBE "big/#" QoS 0
            assertThat(readPacket(client).type()).isEqualTo(0x90); // SUBACK
            MqttClient publisher = new MqttClient(BrokerFixture.uri(broker), "pub", new MemoryPersistence());
            publisher.connect();
            brokers.closeLater(publisher::close);
            publisher.publish("big/1", new byte[100], 0, false);
            publisher.publish("big/2", "small".getBytes(StandardCharsets.UTF_8), 0, false);
            publisher.disconnect();
            RawPacket publish = readPacket(client);
            assertThat(publish.type() & 0xF0).isEqualTo(0x30);
            assertThat(new String(publish.body(), StandardCharsets.ISO_8859_1)).contains("big/2").endsWith("small");
        }
    }

    @Test
    void stoppingTheBrokerSendsMqtt5ClientsDisconnect0x8B() {
        MqttBroker broker = brokers.start();
        try (RawClient client = connected(broker, CONNECT_5)) {
            broker.close();
            RawPacket disconnect = readPacket(client);
            assertThat(disconnect.type()).isEqualTo(0xE0);
            assertThat(disconnect.body()[0] & 0xFF).as("Server shutting down").isEqualTo(0x8B);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        return -1;
    }
}
