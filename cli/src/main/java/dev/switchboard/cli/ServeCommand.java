package dev.switchboard.cli;

import dev.switchboard.cli.reqrep.ReqRepServeCommand;
import dev.switchboard.cli.mqtt.MqttListenerOptions;
import dev.switchboard.cli.mqtt.MqttServeCommand;
import dev.switchboard.cli.mqtt.MqttStoreOptions;
import dev.switchboard.cli.tracker.TrackerServeCommand;
import dev.switchboard.mqtt.broker.MqttBroker;
import dev.switchboard.reqrep.server.ReqRepServer;
import dev.switchboard.reqrep.server.ReqRepServerConfig;
import dev.switchboard.torrent.tracker.TrackerServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard serve}: every service built so far, with embedded defaults, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start every Switchboard service with its defaults and log what listens where.",
                "Services: reqrep (request/response, port 1234), mqtt (MQTT broker, port 1883),",
                "tracker (BitTorrent, HTTP and UDP port 6969).",
                "MQTT over TLS (8883) and WebSocket (8083) only when asked for (--cert/--key, --ws-port).",
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

    @Mixin
    MqttListenerOptions mqttListeners;

    @Mixin
    MqttStoreOptions mqttStore;

    @Override
    public Integer call() throws Exception {
        RunningServices services = new RunningServices();
        try {
            ReqRepServerConfig config = ReqRepServeCommand.defaults().bindHost(bind).port(reqrepPort).build();
            services.add(ReqRepServer.start(config));
            MqttBroker broker = MqttBroker.start(MqttServeCommand.defaults().bindHost(bind).port(mqttPort)
                    .listeners(mqttListeners.listeners()).store(mqttStore.store()).build());
            services.add(broker);
            MqttServeCommand.reloadOnHangup(broker);
            services.add(TrackerServer.start(TrackerServeCommand.defaults().bindHost(bind).port(trackerPort).build()));
        } catch (RuntimeException e) {
            services.closeAll();
            throw e;
        }
        services.awaitShutdownSignal();
        return 0;
    }
}
