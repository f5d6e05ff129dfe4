package dev.switchboard.cli.mqtt;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard mqtt}: the publish-subscribe pattern. */
@Command(name = "mqtt", mixinStandardHelpOptions = true,
        description = "Publish-subscribe: an MQTT 3.1.1 and 5.0 broker.",
        subcommands = {MqttServeCommand.class, MqttPubCommand.class, MqttSubCommand.class,
                MqttPasswdCommand.class})
public final class MqttCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
