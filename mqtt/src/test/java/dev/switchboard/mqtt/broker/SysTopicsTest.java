package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** $SYS/broker/... under Mosquitto's names, published every --sys-interval. */
class SysTopicsTest {
    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @Test
    void mosquittoNamedTopicsArePublishedAndHiddenFromLeadingWildcards() throws Exception {
        MqttBroker broker = brokers.start(b -> b.sysInterval(Duration.ofMillis(200)));
        MqttClient client = new MqttClient(BrokerFixture.uri(broker), "sys-reader", new MemoryPersistence());
        client.connect();
        brokers.closeLater(() -> {
            client.disconnect();
            client.close();
        });
        Map<String, String> sys = new ConcurrentHashMap<>();
        List<String> everything = new CopyOnWriteArrayList<>();
        // a client of its own: Paho dispatches by matching filters itself, without the $ rule
        MqttClient wildcard = new MqttClient(BrokerFixture.uri(broker), "everything", new MemoryPersistence());
        wildcard.connect();
        brokers.closeLater(() -> {
            wildcard.disconnect();
            wildcard.close();
        });
        wildcard.subscribe("#", 0, (t, m) -> everything.add(t)); // MQTT-4.7.2-1: no $ topics here
        client.subscribe("$SYS/broker/#", 0, (t, m) -> sys.put(t, new String(m.getPayload(), StandardCharsets.UTF_8)));
        client.publish("plain/topic", "x".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(sys.get("$SYS/broker/messages/received")));
        assertThat(sys).containsKeys("$SYS/broker/version", "$SYS/broker/uptime", "$SYS/broker/clients/total",
                "$SYS/broker/messages/sent", "$SYS/broker/subscriptions/count", "$SYS/broker/retained messages/count",
                "$SYS/broker/bytes/received", "$SYS/broker/bytes/sent", "$SYS/broker/load/messages/received/1min");
        assertThat(sys.get("$SYS/broker/version")).startsWith("switchboard ");
        assertThat(sys.get("$SYS/broker/uptime")).matches("\\d+ seconds");
        assertThat(sys.get("$SYS/broker/clients/connected")).isEqualTo("2");
        assertThat(sys.get("$SYS/broker/subscriptions/count")).isEqualTo("2");
        assertThat(everything).containsOnly("plain/topic");
    }
}
