package dev.switchboard.cli.mqtt;

import dev.switchboard.cli.ByteSizeConverter;
import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.HangupSignal;
import dev.switchboard.cli.RunningServices;
import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.broker.MqttBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard mqtt serve}: the MQTT broker until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the MQTT broker (MQTT 3.1, 3.1.1 and 5.0 on one port).")
public final class MqttServeCommand implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens it to other hosts).")
    String bind;

    @Option(names = "--port", defaultValue = "1883", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-connections", defaultValue = "19000", paramLabel = "N",
            description = "Connections open at once; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-packet-size", defaultValue = "1MiB", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest packet accepted (default: 1MiB).")
    int maxPacketSize;

    @Option(names = "--max-keepalive", defaultValue = "0", paramLabel = "SECONDS",
            description = "Hold clients to at most this keep alive; 0: no maximum (default: ${DEFAULT-VALUE}).")
    int maxKeepAlive;

    @Option(names = "--max-queued-messages", defaultValue = "1000", paramLabel = "N",
            description = "Messages kept per offline or slow session (default: ${DEFAULT-VALUE}).")
    int maxQueuedMessages;

    @Option(names = "--connect-timeout", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Close a connection that sends no CONNECT in this time (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--sys-interval", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often $SYS/broker/... topics are published; 0 turns them off (default: ${DEFAULT-VALUE}).")
    Duration sysInterval;

    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N",
            description = "Event loop threads; 0 means one per core (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Mixin
    MqttListenerOptions listeners;

    @Mixin
    MqttStoreOptions store;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Users and password hashes (switchboard mqtt passwd); reloaded on SIGHUP.")
    Path passwordFile;

    @Option(names = "--acl-file", paramLabel = "FILE",
            description = "Who may read and write which topics (docs/mqtt/auth.md); reloaded on SIGHUP. Default: all open.")
    Path aclFile;

    @Option(names = "--allow-anonymous", paramLabel = "true|false", arity = "1",
            description = "Let clients in without a verified user name (default: only while bound to loopback).")
    Boolean allowAnonymous;

    /** SIGHUP rereads the password and ACL files and, with TLS configured, the certificate, key and CA. */
    public static void reloadOnHangup(MqttBroker broker) {
        boolean tls = broker.tlsAddress().isPresent() || broker.secureWebSocketAddress().isPresent();
        HangupSignal.onHangup(tls ? "reloading the mqtt password, ACL and TLS files"
                : "reloading the mqtt password and ACL files", () -> {
                    broker.reloadAuth();
                    if (tls) {
                        broker.reloadTls();
                    }
                });
    }

    /** The broker's defaults as the CLI starts it. */
    public static BrokerConfig.Builder defaults() {
        return BrokerConfig.builder();
    }

    @Override
    public Integer call() throws Exception {
        BrokerConfig config = defaults().bindHost(bind).port(port).maxConnections(maxConnections)
                .maxPacketSize(maxPacketSize).maxKeepAliveSeconds(maxKeepAlive)
                .maxQueuedMessages(maxQueuedMessages).connectTimeout(connectTimeout).sysInterval(sysInterval)
                .ioThreads(ioThreads)
                .listeners(listeners.listeners()).store(store.store())
                .passwordFile(passwordFile).aclFile(aclFile).allowAnonymous(allowAnonymous).build();
        RunningServices services = new RunningServices();
        MqttBroker broker = MqttBroker.start(config);
        services.add(broker);
        reloadOnHangup(broker);
        services.awaitShutdownSignal();
        return 0;
    }
}
