package dev.switchboard.mqtt.broker;

import static dev.switchboard.mqtt.broker.WirePackets.connect;
import static dev.switchboard.mqtt.broker.WirePackets.publish;
import static dev.switchboard.mqtt.broker.WirePackets.subAck;
import static dev.switchboard.mqtt.broker.WirePackets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each limit of {@link Limits} hit on a real broker: what the client gets and the log line. */
class LimitsBrokerTest {
    private static final String CONNACK_311 = "20 02 00 00";
    /** MQTT 5 CONNACK: we only read up to the reason code, properties vary. */
    private static final String CONNACK_5_HEAD = "20";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static RawClient connected311(MqttBroker broker, String clientId) {
        RawClient c = RawClient.connect(broker.localAddress());
        c.send(connect(clientId, false)).expectHex(CONNACK_311);
        return c;
    }

    private static RawClient connected5(MqttBroker broker, String clientId) {
        RawClient c = RawClient.connect(broker.localAddress());
        c.send(connect(clientId, true)).expectHex(CONNACK_5_HEAD);
        int remaining = c.read(1)[0] & 0xFF; // < 128 here
        byte[] rest = c.read(remaining);
        assertThat(rest[1]).as("CONNACK reason code").isZero();
        return c;
    }

    @Test
    void aPublishToATopicWithTooManyLevelsGetsDisconnect0x90InMqtt5() {
        MqttBroker broker = brokers.start(b -> b.maxTopicLevels(3));
        try (RawClient c = connected5(broker, "deep")) {
            c.send(publish("a/b/c", 0, 0, new byte[] {1}, true)); // at the limit: fine
            c.send(publish("a/b/c/d", 0, 0, new byte[] {1}, true));
            byte[] head = c.read(3);
            assertThat(head[0] & 0xFF).as("DISCONNECT").isEqualTo(0xE0);
            assertThat(head[2] & 0xFF).as("reason code").isEqualTo(0x90);
            c.readToEnd();
        }
        await().until(() -> log.has("client deep", "PUBLISH refused", "limit is 3 (--max-topic-levels)"));
    }

    @Test
    void aPublishToATooLongTopicClosesAnMqtt311Connection() {
        MqttBroker broker = brokers.start(b -> b.maxTopicLength(10));
        try (RawClient c = connected311(broker, "long")) {
            c.send(publish("0123456789", 0, 0, new byte[] {1}, false));
            c.send(publish("0123456789x", 0, 0, new byte[] {1}, false));
            assertThat(c.isClosedByPeer()).isTrue();
        }
        await().until(() -> log.has("client long", "topic of 11 bytes, limit is 10 (--max-topic-length)"));
    }

    @Test
    void aWillTopicOverTheTopicLimitsRefusesTheConnect() {
        MqttBroker broker = brokers.start(b -> b.maxTopicLevels(3));
        try (RawClient v311 = RawClient.connect(broker.localAddress());
                RawClient v5 = RawClient.connect(broker.localAddress())) {
            // CONNECT 3.1.1 "w", clean session, will QoS 0 on a/b/c/d (four levels) "by": CONNACK 0x05
            v311.sendHex("10 1a 0004 4d515454 04 06 003c 0001 77 0007 612f622f632f64 0002 6279")
                    .expectHex("20 02 00 05");
            assertThat(v311.isClosedByPeer()).isTrue();
            // CONNECT 5 "v", clean start, no properties, will with no properties: CONNACK 0x90 Topic Name invalid
            v5.sendHex("10 1c 0004 4d515454 05 06 003c 00 0001 76 00 0007 612f622f632f64 0002 6279");
            byte[] head = v5.read(4);
            assertThat(head[0] & 0xFF).as("CONNACK").isEqualTo(0x20);
            assertThat(head[3] & 0xFF).as("reason code").isEqualTo(0x90);
            v5.readToEnd();
        }
        assertThat(broker.sessions()).isZero();
        await().until(() -> log.has("client w", "CONNECT refused: will topic of more than 3 levels",
                "(--max-topic-levels)"));
    }

    @Test
    void aSubscriptionOverTheTopicLimitsIsRefusedAlone() {
        MqttBroker broker = brokers.start(b -> b.maxTopicLevels(3).maxTopicLength(20));
        try (RawClient v5 = connected5(broker, "s5"); RawClient v311 = connected311(broker, "s311")) {
            v5.send(subscribe(1, true, "a/b/#", "a/b/c/#", "x".repeat(21)))
                    .expectHex(subAck(1, true, 0x01, 0x8F, 0x8F));
            v311.send(subscribe(2, false, "a/+/c", "a/+/c/d")).expectHex(subAck(2, false, 0x01, 0x80));
            assertThat(broker.subscriptions()).isEqualTo(2); // while connected: clean sessions end on close
        }
        await().until(() -> log.has("client s5", "subscription refused", "(--max-topic-levels)"));
    }

    @Test
    void subscriptionsPastTheQuotaGetQuotaExceededButReplacingOneIsFine() {
        MqttBroker broker = brokers.start(b -> b.maxSubscriptionsPerClient(2));
        try (RawClient v5 = connected5(broker, "q5"); RawClient v311 = connected311(broker, "q311")) {
            v5.send(subscribe(1, true, "a", "b", "c")).expectHex(subAck(1, true, 0x01, 0x01, 0x97));
            v5.send(subscribe(2, true, "a")).expectHex(subAck(2, true, 0x01)); // replaces, quota unchanged
            v311.send(subscribe(3, false, "a", "b")).expectHex(subAck(3, false, 0x01, 0x01));
            v311.send(subscribe(4, false, "c")).expectHex(subAck(4, false, 0x80));
        }
        await().until(() -> log.has("client q5", "'c' refused", "2 subscriptions held, limit is 2",
                "(--max-subscriptions-per-client)"));
    }

    @Test
    void connectionsPastThePerAddressLimitAreClosedUntilOneGoes() {
        MqttBroker broker = brokers.start(b -> b.maxConnectionsPerAddress(2));
        RawClient first = connected311(broker, "p1");
        try (RawClient second = connected311(broker, "p2")) {
            try (RawClient third = RawClient.connect(broker.localAddress())) {
                assertThat(third.isClosedByPeer()).isTrue();
            }
            first.close();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                try (RawClient again = RawClient.connect(broker.localAddress())) {
                    again.send(connect("p3", false)).expectHex(CONNACK_311);
                }
            });
        }
        await().until(() -> log.has("mqtt: refused connection from 127.0.0.1:",
                "2 connections open from that address, limit is 2 (--max-connections-per-address)"));
    }

    @Test
    void connectsFasterThanTheRatePerAddressAreClosedUntilTheBucketRefills() {
        dev.switchboard.testkit.SettableClock clock = new dev.switchboard.testkit.SettableClock();
        MqttBroker broker = brokers.start(b -> b.maxConnectRatePerAddress(3).clock(clock));
        for (int i = 0; i < 3; i++) {
            connected311(broker, "r" + i).close();
        }
        try (RawClient fourth = RawClient.connect(broker.localAddress())) {
            assertThat(fourth.isClosedByPeer()).isTrue();
        }
        clock.advance(Duration.ofMillis(400)); // one token back (3 a second)
        connected311(broker, "r4").close();
        await().until(() -> log.has("mqtt: refused connection from 127.0.0.1:",
                "more than 3 connections per second from that address", "(--max-connect-rate-per-address)"));
    }

    @Test
    void anOfflineSessionKeepsWhatFitsItsQueuedBytesAndDropsTheRest() throws Exception {
        MqttBroker broker = brokers.start(b -> b.maxQueuedBytes(1000));
        String uri = BrokerFixture.uri(broker);
        MqttClient subscriber = new MqttClient(uri, "offline", new MemoryPersistence());
        MqttConnectOptions persistent = new MqttConnectOptions();
        persistent.setCleanSession(false);
        subscriber.connect(persistent);
        subscriber.subscribe("bytes/t", 1);
        subscriber.disconnect();
        MqttClient publisher = brokers.closeLater(new MqttClient(uri, "pub", new MemoryPersistence()));
        publisher.connect();
        for (int i = 0; i < 5; i++) {
            byte[] payload = new byte[300];
            payload[0] = (byte) i;
            publisher.publish("bytes/t", payload, 1, false);
        }
        await().until(() -> broker.droppedMessages() == 2); // 3 x 300 fit in 1000 bytes
        List<Integer> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        subscriber.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                received.add((int) message.getPayload()[0]);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        subscriber.connect(persistent);
        brokers.closeLater(() -> {
            subscriber.disconnect();
            subscriber.close();
        });
        await().until(() -> received.size() == 3);
        assertThat(received).containsExactly(0, 1, 2);
        await().until(() -> log.has("client offline: queue full", "offline", "1000 (--max-queued-bytes)",
                "message dropped"));
    }

    @Test
    void theBuilderRefusesLimitsOutOfRange() {
        assertThatThrownBy(() -> BrokerConfig.builder().maxTopicLevels(0).build())
                .hasMessageContaining("max topic levels must be 1-65535");
        assertThatThrownBy(() -> BrokerConfig.builder().maxQueuedBytes(-1).build())
                .hasMessageContaining("max queued bytes");
        assertThatThrownBy(() -> BrokerConfig.builder().maxPublishRate(-1).build())
                .hasMessageContaining("max publish rate");
        assertThat(BrokerConfig.builder().build().limits()).isEqualTo(Limits.DEFAULTS);
        assertThat("ok".getBytes(StandardCharsets.UTF_8)).hasSize(2);
    }
}
