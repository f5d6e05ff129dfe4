package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** $share/{group}/{filter}: each message to one member of the group, also for MQTT 3.1.1 clients. */
class SharedSubscriptionTest {
    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    private MqttClient member(MqttBroker broker, String id, List<String> received) throws Exception {
        MqttClient client = new MqttClient(BrokerFixture.uri(broker), id, new MemoryPersistence());
        // Paho 3.1.1 cannot match "jobs" to "$share/workers/jobs" itself: take everything here
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect();
        brokers.closeLater(() -> {
            client.disconnect();
            client.close();
        });
        client.subscribe("$share/workers/jobs", 1);
        return client;
    }

    @Test
    void eachMessageGoesToOneMemberInTurn() throws Exception {
        MqttBroker broker = brokers.start();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        member(broker, "w1", first);
        member(broker, "w2", second);
        MqttClient publisher = new MqttClient(BrokerFixture.uri(broker), "boss", new MemoryPersistence());
        publisher.connect();
        brokers.closeLater(() -> {
            publisher.disconnect();
            publisher.close();
        });
        for (int i = 0; i < 10; i++) {
            publisher.publish("jobs", ("job" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.size() + second.size() == 10);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).containsExactlyInAnyOrder("job0", "job1", "job2", "job3", "job4", "job5", "job6", "job7",
                "job8", "job9");
        assertThat(first).hasSize(5);
        assertThat(second).hasSize(5);
    }
}
