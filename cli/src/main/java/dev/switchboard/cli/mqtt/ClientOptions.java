package dev.switchboard.cli.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * The connection flags {@code mqtt pub} and {@code mqtt sub} share, with mosquitto_pub and
 * mosquitto_sub's letters: {@code -h -p -i -u -P -k -V}.
 */
final class ClientOptions {
    @Option(names = "-h", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Broker host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "-p", defaultValue = "1883", paramLabel = "PORT", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "-i", paramLabel = "ID", description = "Client id (default: a random one).")
    String clientId;

    @Option(names = "-u", paramLabel = "USER", description = "User name.")
    String username;

    @Option(names = "-P", paramLabel = "PASSWORD", description = "Password.")
    String password;

    @Option(names = "-k", defaultValue = "60", paramLabel = "SECONDS", description = "Keep alive (default: ${DEFAULT-VALUE}).")
    int keepAlive;

    @Option(names = "-V", defaultValue = "311", paramLabel = "311|5",
            description = "MQTT version: 311 (3.1.1) or 5 (default: ${DEFAULT-VALUE}).")
    String version;

    boolean isMqtt5() {
        return switch (version) {
            case "5", "mqttv5" -> true;
            case "311", "mqttv311" -> false;
            default -> throw new picocli.CommandLine.TypeConversionException(
                    "-V takes 311 or 5, got '" + version + "'");
        };
    }

    String id(String prefix) {
        return clientId != null ? clientId : prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String target() {
        return host + ":" + port;
    }

    Mqtt5BlockingClient mqtt5(String prefix) {
        return MqttClient.builder().useMqttVersion5().identifier(id(prefix)).serverHost(host).serverPort(port)
                .buildBlocking();
    }

    Mqtt3BlockingClient mqtt3(String prefix) {
        return MqttClient.builder().useMqttVersion3().identifier(id(prefix)).serverHost(host).serverPort(port)
                .buildBlocking();
    }

    byte[] passwordBytes() {
        return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }

    /** A connection failure in one line, whatever the client library threw. */
    RuntimeException cannotConnect(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (reason.toLowerCase().contains("refused")) {
            reason = "connection refused (is the broker running on that port?)";
        }
        return new IllegalStateException("cannot connect to " + target() + ": " + reason, e);
    }
}
