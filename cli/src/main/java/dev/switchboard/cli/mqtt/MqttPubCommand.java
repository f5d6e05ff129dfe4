package dev.switchboard.cli.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.switchboard.cli.Verbosity;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard mqtt pub}: publish one message, shaped like mosquitto_pub. */
@Command(name = "pub", description = "Publish one message (flags as mosquitto_pub's).")
public final class MqttPubCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    ClientOptions client;

    @Option(names = "-t", required = true, paramLabel = "TOPIC", description = "Topic to publish to.")
    String topic;

    @Option(names = "-m", paramLabel = "MESSAGE", description = "Message payload (default: empty).")
    String message = "";

    @Option(names = "-q", defaultValue = "0", paramLabel = "QOS", description = "QoS 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "-r", description = "Retain the message.")
    boolean retain;

    @Override
    public Integer call() {
        Verbosity.quietLogs();
        MqttQos level = MqttQos.fromCode(qos);
        if (level == null) {
            throw new picocli.CommandLine.TypeConversionException("-q takes 0, 1 or 2, got " + qos);
        }
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        if (client.isMqtt5()) {
            Mqtt5BlockingClient c = client.mqtt5("switchboard-pub");
            try {
                var connect = c.connectWith().keepAlive(client.keepAlive);
                if (client.username != null) {
                    connect.simpleAuth().username(client.username).password(
                            client.passwordBytes() == null ? new byte[0] : client.passwordBytes()).applySimpleAuth();
                }
                connect.send();
            } catch (RuntimeException e) {
                throw client.cannotConnect(e);
            }
            c.publishWith().topic(topic).payload(payload).qos(level).retain(retain).send();
            c.disconnect();
        } else {
            Mqtt3BlockingClient c = client.mqtt3("switchboard-pub");
            try {
                var connect = c.connectWith().keepAlive(client.keepAlive);
                if (client.username != null) {
                    connect.simpleAuth().username(client.username).password(
                            client.passwordBytes() == null ? new byte[0] : client.passwordBytes()).applySimpleAuth();
                }
                connect.send();
            } catch (RuntimeException e) {
                throw client.cannotConnect(e);
            }
            c.publishWith().topic(topic).payload(payload).qos(level).retain(retain).send();
            c.disconnect();
        }
        return 0;
    }
}
