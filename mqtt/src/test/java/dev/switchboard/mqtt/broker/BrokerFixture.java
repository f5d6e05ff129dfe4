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
