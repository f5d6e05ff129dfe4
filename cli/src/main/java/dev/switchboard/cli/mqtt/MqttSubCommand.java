package dev.switchboard.cli.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.switchboard.cli.Verbosity;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code switchboard mqtt sub}: subscribe and print each message on its own line, shaped like
 * mosquitto_sub ({@code -v} prints {@code topic payload}; {@code -C N} exits after N messages).
 */
@Command(name = "sub", description = "Subscribe and print messages (flags as mosquitto_sub's).")
public final class MqttSubCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "-t", required = true, paramLabel = "FILTER", description = "Topic filter; repeat for more.")
    List<String> filters;

    @Option(names = "-q", defaultValue = "0", paramLabel = "QOS", description = "QoS 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "-v", description = "Print 'topic payload' instead of the payload alone.")
    boolean verbose;

    @Option(names = "-C", defaultValue = "0", paramLabel = "COUNT",
            description = "Exit after this many messages; 0: run until interrupted (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "-c", description = "Keep the session when disconnected (clean session off; needs -i).")
    boolean persistent;

    @Override
    public Integer call() throws InterruptedException {
        Verbosity.quietLogs();
        MqttQos level = MqttQos.fromCode(qos);
        if (level == null) {
            throw new CommandLine.TypeConversionException("-q takes 0, 1 or 2, got " + qos);
        }
        if (persistent && client.clientId == null) {
            throw new dev.switchboard.cli.UsageException("-c needs a client id: give one with -i");
        }
        PrintWriter out = spec.commandLine().getOut();
        return client.isMqtt5() ? run5(level, out) : run3(level, out);
    }

    private int run3(MqttQos level, PrintWriter out) throws InterruptedException {
        Mqtt3BlockingClient c = client.mqtt3("switchboard-sub");
        try {
            c.connectWith().keepAlive(client.keepAlive).cleanSession(!persistent).send();
        } catch (RuntimeException e) {
            throw client.cannotConnect(e);
        }
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            for (String filter : filters) {
                c.subscribeWith().topicFilter(filter).qos(level).send();
            }
            for (long n = 0; count == 0 || n < count; n++) {
                Mqtt3Publish p = publishes.receive();
                print(out, p.getTopic().toString(), p.getPayloadAsBytes());
            }
        } finally {
            c.disconnect();
        }
        return 0;
    }

    private int run5(MqttQos level, PrintWriter out) throws InterruptedException {
        Mqtt5BlockingClient c = client.mqtt5("switchboard-sub");
        try {
            c.connectWith().keepAlive(client.keepAlive).cleanStart(!persistent)
                    .sessionExpiryInterval(persistent ? 0xFFFF_FFFFL : 0).send();
        } catch (RuntimeException e) {
            throw client.cannotConnect(e);
        }
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            for (String filter : filters) {
                c.subscribeWith().topicFilter(filter).qos(level).send();
            }
            for (long n = 0; count == 0 || n < count; n++) {
                Mqtt5Publish p = publishes.receive();
                print(out, p.getTopic().toString(), p.getPayloadAsBytes());
            }
        } finally {
            c.disconnect();
        }
        return 0;
    }

    private void print(PrintWriter out, String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        out.println(verbose ? topic + " " + text : text);
        out.flush();
    }
}
