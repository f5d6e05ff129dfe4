package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The broker with Eclipse Paho's MQTT 3.1.1 Java client. */
class PahoV3BrokerTest {
    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    record Received(String topic, String payload, int qos, boolean retained) {
    }

    private MqttClient client(MqttBroker broker, String id, boolean clean) throws MqttException {
        MqttClient client = new MqttClient(BrokerFixture.uri(broker), id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(clean);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        // Paho counts a publish in progress until slightly after it reports it complete: with its
        // default window of 10, back-to-back publishes can trip its own "too many in progress"
        options.setMaxInflight(1000);
        client.connect(options);
        brokers.closeLater(() -> {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        });
        return client;
    }

    private static List<Received> subscribe(MqttClient client, String filter, int qos) throws MqttException {
        List<Received> received = new CopyOnWriteArrayList<>();
        client.subscribe(filter, qos, (topic, m) -> received.add(
                new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(), m.isRetained())));
        return received;
    }

    private static void publish(MqttClient client, String topic, String payload, int qos, boolean retain)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        message.setRetained(retain);
        client.publish(topic, message);
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void publishAndReceiveAtEachQos(int qos) throws Exception {
        MqttBroker broker = brokers.start();
        MqttClient subscriber = client(broker, "sub", true);
        List<Received> received = subscribe(subscriber, "example/topic", 2);
        MqttClient publisher = client(broker, "pub", true);
        for (int i = 0; i < 20; i++) {
            publish(publisher, "example/topic", "m" + i, qos, false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 20);
        assertThat(received).extracting(Received::payload)
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12",
                        "m13", "m14", "m15", "m16", "m17", "m18", "m19");
        assertThat(received).allSatisfy(r -> assertThat(r.qos()).isEqualTo(qos));
    }

    @Test
    void qosIsDowngradedToTheGrantedQos() throws Exception {
        MqttBroker broker = brokers.start();
        MqttClient subscriber = client(broker, "sub", true);
        List<Received> received = subscribe(subscriber, "a/b", 1);
        publish(client(broker, "pub", true), "a/b", "x", 2, false);
        await().until(() -> received.size() == 1);
        assertThat(received.get(0).qos()).isEqualTo(1);
    }

    @Test
    void wildcardsMatchAndDollarTopicsAreNotMatchedByLeadingWildcards() throws Exception {
        MqttBroker broker = brokers.start();
        MqttClient subscriber = client(broker, "sub", true);
        List<Received> all = subscribe(subscriber, "#", 0);
        List<Received> plus = subscribe(subscriber, "sensors/+/temp", 0);
        MqttClient publisher = client(broker, "pub", true);
        publish(publisher, "$internal/x", "hidden", 0, false);
        publish(publisher, "sensors/kitchen/temp", "21", 0, false);
        await().until(() -> plus.size() == 1 && all.size() == 1);
        assertThat(all).extracting(Received::topic).containsExactly("sensors/kitchen/temp");
    }

    @Test
    void overlappingSubscriptionsGiveOneCopyAtTheHighestQos() throws Exception {
        // MQTT-3.3.5-1
        MqttBroker broker = brokers.start();
        MqttClient subscriber = client(broker, "sub", true);
        List<Received> received = new CopyOnWriteArrayList<>();
        subscriber.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(),
                        m.isRetained()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        subscriber.subscribe(new String[] {"a/#", "a/b", "+/b"}, new int[] {0, 2, 1});
        MqttClient publisher = client(broker, "pub", true);
        publish(publisher, "a/b", "once", 2, false);
        publish(publisher, "a/c", "marker", 0, false);
        await().until(() -> received.stream().anyMatch(r -> r.payload().equals("marker")));
        assertThat(received).filteredOn(r -> r.payload().equals("once")).singleElement()
                .satisfies(r -> assertThat(r.qos()).isEqualTo(2));
    }

    @Test
    void retainedMessagesAreDeliveredOnSubscribeReplacedAndCleared() throws Exception {
        MqttBroker broker = brokers.start();
        MqttClient publisher = client(broker, "pub", true);
        publish(publisher, "status/door", "open", 1, true);
        publish(publisher, "status/door", "closed", 1, true);
        publish(publisher, "status/window", "open", 1, true);
        publish(publisher, "status/window", "", 1, true); // cleared
        await().until(() -> broker.retainedMessages() == 1);
        List<Received> received = subscribe(client(broker, "late", true), "status/#", 1);
        await().until(() -> received.size() == 1);
        assertThat(received.get(0)).isEqualTo(new Received("status/door", "closed", 1, true));
    }

    @Test
    void persistentSessionsKeepSubscriptionsAndQueueWhileOffline() throws Exception {
        MqttBroker broker = brokers.start();
        MqttClient first = client(broker, "durable", false);
        first.subscribe("jobs", 1);
        first.disconnect();
        MqttClient publisher = client(broker, "pub", true);
        for (int i = 0; i < 5; i++) {
            publish(publisher, "jobs", "job" + i, 1, false);
        }
        publish(publisher, "jobs", "qos0 is not kept offline", 0, false);
        List<Received> received = new CopyOnWriteArrayList<>();
        MqttClient again = new MqttClient(BrokerFixture.uri(broker), "durable", new MemoryPersistence());
        again.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(),
                        m.isRetained()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        boolean sessionPresent = again.connectWithResult(options).getSessionPresent();
        brokers.closeLater(() -> {
            again.disconnect();
            again.close();
        });
        assertThat(sessionPresent).isTrue();
        await().until(() -> received.size() == 5);
        assertThat(received).extracting(Received::payload).containsExactly("job0", "job1", "job2", "job3", "job4");
    }

    @Test
    void aSecondConnectionWithTheSameIdTakesTheSessionOver() throws Exception {
        MqttBroker broker = brokers.start();
        MqttClient first = client(broker, "same", true);
        client(broker, "same", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isConnected());
    }
}
