package dev.switchboard.interop.mqtt;

import static org.awaitility.Awaitility.await;

import dev.switchboard.interop.ExternalProgram;
import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.broker.MqttBroker;
import dev.switchboard.testkit.ThirdParty;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Our broker, started in-process on port 0 before each test, and the third-party programs a test
 * runs against it: mosquitto_pub and mosquitto_sub, and Python scripts run by Debian's
 * {@code /usr/bin/python3} with paho-mqtt. After the test every program still running is killed,
 * every client closed, then the broker. Register with {@code @RegisterExtension}.
 */
final class InteropBroker implements BeforeEachCallback, AfterEachCallback {
    static final String HOST = "127.0.0.1";
    static final String PYTHON = "/usr/bin/python3";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final UnaryOperator<BrokerConfig.Builder> settings;
    private MqttBroker broker;

    InteropBroker() {
        this(b -> b);
    }

    /** A broker with {@code settings} applied over the defaults (e.g. TLS and WebSocket listeners). */
    InteropBroker(UnaryOperator<BrokerConfig.Builder> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // no $SYS: scenarios count retained messages
        broker = MqttBroker.start(settings.apply(
                BrokerConfig.builder().port(0).ioThreads(2).sysInterval(java.time.Duration.ZERO)).build());
    }

    MqttBroker broker() {
        return broker;
    }

    int port() {
        return broker.localAddress().getPort();
    }

    String uri() {
        return "tcp://" + HOST + ":" + port();
    }

    /** Closes {@code resource} after the test, before the broker. */
    <T extends AutoCloseable> T closeLater(T resource) {
        open.add(0, resource);
        return resource;
    }

    /** Starts {@code mosquitto_sub} against the broker with the given version and further arguments. */
    ExternalProgram mosquittoSub(MqttVersion version, String... arguments) {
        return mosquittoSubAt(port(), version, arguments);
    }

    /** Starts {@code mosquitto_sub} against another of the broker's listeners (TLS). */
    ExternalProgram mosquittoSubAt(int port, MqttVersion version, String... arguments) {
        ThirdParty.requireCommand("mosquitto_sub", "mosquitto-clients");
        return run(mosquitto("mosquitto_sub", port, version, arguments));
    }

    /** Runs {@code mosquitto_pub} against the broker and waits until it succeeded. */
    void mosquittoPub(MqttVersion version, String... arguments) {
        mosquittoPubAt(port(), version, arguments).awaitSuccess();
    }

    /** Starts {@code mosquitto_pub} against another of the broker's listeners (TLS); the caller awaits it. */
    ExternalProgram mosquittoPubAt(int port, MqttVersion version, String... arguments) {
        ThirdParty.requireCommand("mosquitto_pub", "mosquitto-clients");
        return run(mosquitto("mosquitto_pub", port, version, arguments));
    }

    private List<String> mosquitto(String program, int port, MqttVersion version, String... arguments) {
        List<String> command = new ArrayList<>(List.of(program, "-h", HOST, "-p", String.valueOf(port),
                "-V", version.mosquitto()));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Starts a Python script from the test resources with {@code /usr/bin/python3 -u} (unbuffered, so
     * every line reaches the test when printed), host and port first, then {@code arguments}.
     */
    ExternalProgram python(String resource, String... arguments) {
        return pythonAt(port(), resource, arguments);
    }

    /** Like {@link #python} against another of the broker's listeners (WebSocket). */
    ExternalProgram pythonAt(int port, String resource, String... arguments) {
        ThirdParty.requirePythonModule("paho.mqtt.client", "python3-paho-mqtt");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script(resource), HOST,
                String.valueOf(port)));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String script(String resource) {
        try {
            return Path.of(InteropBroker.class.getResource(resource).toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test resource " + resource, e);
        }
    }

    private ExternalProgram run(List<String> command) {
        return closeLater(ExternalProgram.start(command));
    }

    /**
     * Waits until the broker holds {@code n} subscriptions: a subscriber program has subscribed, so
     * what is published from now on reaches it.
     */
    void awaitSubscriptions(int n) {
        await("broker holds " + n + " subscriptions").atMost(ExternalProgram.PATIENCE)
                .until(() -> broker.subscriptions() == n);
    }

    /** Waits until the broker holds {@code n} sessions (online or not). */
    void awaitSessions(int n) {
        await("broker holds " + n + " sessions").atMost(ExternalProgram.PATIENCE).until(() -> broker.sessions() == n);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a client the test already disconnected
            }
        }
        open.clear();
        if (broker != null) {
            broker.close();
        }
    }
}
