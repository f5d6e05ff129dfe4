package dev.switchboard.mqtt.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts brokers on port 0 and closes them after each test; register with @RegisterExtension. */
final class BrokerFixture implements AfterEachCallback {
    private final List<AutoCloseable> open = new ArrayList<>();

    MqttBroker start(UnaryOperator<BrokerConfig.Builder> settings) {
        MqttBroker broker = MqttBroker.start(settings.apply(
                BrokerConfig.builder().port(0).ioThreads(2).sysInterval(java.time.Duration.ZERO)).build());
        open.add(broker);
        return broker;
    }

    MqttBroker start() {
        return start(b -> b);
    }

    /** Closes {@code resource} after the test, before the brokers. */
    <T extends AutoCloseable> T closeLater(T resource) {
        open.add(0, resource);
        return resource;
    }

    /**
     * Subscribes a Paho 3.1.1 client named "watcher" to {@code filter} and returns what it receives,
     * each as "topic payload"; the client is closed after the test.
     */
    java.util.List<String> watch(MqttBroker broker, String filter, int qos) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient subscriber = new org.eclipse.paho.client.mqttv3.MqttClient(
                uri(broker), "watcher", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        subscriber.connect();
        closeLater(() -> {
            subscriber.disconnect();
            subscriber.close();
        });
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        subscriber.subscribe(filter, qos, (t, m) -> received.add(t + " "
                + new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8)));
        return received;
    }

    static String uri(MqttBroker broker) {
        return "tcp://127.0.0.1:" + broker.localAddress().getPort();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a client already disconnected by the test
            }
        }
        open.clear();
    }
}
