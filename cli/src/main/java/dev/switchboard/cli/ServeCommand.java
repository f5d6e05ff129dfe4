package dev.switchboard.cli;

import dev.switchboard.cli.config.ConfigFile;
import dev.switchboard.cli.mqtt.MqttListenerOptions;
import dev.switchboard.cli.mqtt.MqttServeCommand;
import dev.switchboard.cli.mqtt.MqttStoreOptions;
import dev.switchboard.cli.reqrep.ReqRepServeCommand;
import dev.switchboard.cli.tracker.TrackerServeCommand;
import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.broker.MqttBroker;
import dev.switchboard.reqrep.server.ReqRepServer;
import dev.switchboard.reqrep.server.ReqRepServerConfig;
import dev.switchboard.torrent.tracker.TrackerConfig;
import dev.switchboard.torrent.tracker.TrackerServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard serve}: every service built so far until Ctrl-C, with embedded defaults, the
 * config file's settings over them and this command's flags over both. Each service is configured
 * by its own serve command, fed the flags given here that it knows ({@code --mqtt-port} becomes
 * mqtt's {@code --port}), so a key means the same in {@code serve --config} as in
 * {@code mqtt serve --config}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start every Switchboard service with its defaults and log what listens where.",
                "Services: reqrep (request/response, port 1234), mqtt (MQTT broker, port 1883),",
                "tracker (BitTorrent, HTTP and UDP port 6969).",
                "MQTT over TLS (8883) and WebSocket (8083) only when asked for (--cert/--key, --ws-port).",
                "--config FILE sets everything else (switchboard.example.yaml lists every key).",
                "Ctrl-C stops them cleanly."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address every service listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens them to other hosts).")
    String bind;

    @Option(names = "--reqrep-port", defaultValue = "1234", paramLabel = "PORT",
            description = "Port of the request/response server (default: ${DEFAULT-VALUE}).")
    int reqrepPort;

    @Option(names = "--mqtt-port", defaultValue = "1883", paramLabel = "PORT",
            description = "Port of the MQTT broker (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--tracker-port", defaultValue = "6969", paramLabel = "PORT",
            description = "Port of the BitTorrent tracker, HTTP and UDP (default: ${DEFAULT-VALUE}).")
    int trackerPort;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read every service's settings from this YAML file; flags given here override it.")
    Path configFile;

    @Mixin
    MqttListenerOptions mqttListeners;

    @Mixin
    MqttStoreOptions mqttStore;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConfigFile file = configFile == null ? null : ConfigFile.load(configFile);
        // every config is built (and so checked) before anything binds
        ReqRepServeCommand reqrep = new ReqRepServeCommand();
        ReqRepServerConfig reqrepConfig = reqrep.configWith(file, given(reqrep, "--reqrep-port")::hasMatchedOption);
        MqttServeCommand mqtt = new MqttServeCommand();
        BrokerConfig mqttConfig = mqtt.configWith(file, given(mqtt, "--mqtt-port")::hasMatchedOption);
        TrackerServeCommand tracker = new TrackerServeCommand();
        TrackerConfig trackerConfig = tracker.configWith(file, given(tracker, "--tracker-port")::hasMatchedOption);
        RunningServices services = new RunningServices();
        try {
            services.add(ReqRepServer.start(reqrepConfig));
            MqttBroker broker = MqttBroker.start(mqttConfig);
            services.add(broker);
            MqttServeCommand.reloadOnHangup(broker);
            services.add(TrackerServer.start(trackerConfig));
        } catch (RuntimeException e) {
            services.closeAll();
            throw e;
        }
        services.awaitShutdownSignal();
        return 0;
    }

    /**
     * Parses, for one service's serve command, the flags given to {@code serve} that it has:
     * {@code portOption} as its {@code --port}, the rest under their own names. Returns what it matched.
     */
    private CommandLine.ParseResult given(Object serviceCommand, String portOption) {
        CommandLine service = new CommandLine(serviceCommand);
        CommandSpec target = service.getCommandSpec();
        List<String> args = new ArrayList<>();
        Map<String, String> renames = Map.of(portOption, "--port");
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = renames.getOrDefault(o.longestName(), o.longestName());
            if (name.equals("--config") || target.findOption(name) == null) {
                continue;
            }
            args.add(name);
            if (o.arity().max() > 0) {
                args.addAll(o.originalStringValues());
            }
        }
        return service.parseArgs(args.toArray(String[]::new));
    }
}
