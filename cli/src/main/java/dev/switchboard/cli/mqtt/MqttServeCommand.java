package dev.switchboard.cli.mqtt;

import dev.switchboard.cli.ByteSizeConverter;
import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.HangupSignal;
import dev.switchboard.cli.RunningServices;
import dev.switchboard.cli.config.ConfigApplier;
import dev.switchboard.cli.config.ConfigFile;
import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.broker.MqttBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard mqtt serve}: the MQTT broker until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the MQTT broker (MQTT 3.1, 3.1.1 and 5.0 on one port).")
public final class MqttServeCommand implements Callable<Integer> {
    /** Its section of the config file. */
    public static final String SECTION = "mqtt";

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

    @Option(names = "--max-queued-bytes", defaultValue = "16MiB", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Payload bytes kept per offline or slow session; 0: no limit (default: 16MiB).")
    int maxQueuedBytes;

    @Option(names = "--max-inflight", defaultValue = "100", paramLabel = "N",
            description = "QoS 1 and 2 messages sent to one client and not yet acknowledged (default: ${DEFAULT-VALUE}).")
    int maxInflight;

    @Option(names = "--max-connections-per-address", defaultValue = "0", paramLabel = "N",
            description = "Connections open at once from one IP address; 0: no limit (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--max-connect-rate-per-address", defaultValue = "0", paramLabel = "N",
            description = "New connections per second from one IP address; 0: no limit (default: ${DEFAULT-VALUE}).")
    int maxConnectRatePerAddress;

    @Option(names = "--max-topic-levels", defaultValue = "128", paramLabel = "N",
            description = "Levels in a topic name or filter (default: ${DEFAULT-VALUE}).")
    int maxTopicLevels;

    @Option(names = "--max-topic-length", defaultValue = "65535", paramLabel = "BYTES",
            description = "UTF-8 bytes in a topic name or filter (default: ${DEFAULT-VALUE}).")
    int maxTopicLength;

    @Option(names = "--max-subscriptions-per-client", defaultValue = "0", paramLabel = "N",
            description = "Topic filters one session may hold; 0: no limit (default: ${DEFAULT-VALUE}).")
    int maxSubscriptionsPerClient;

    @Option(names = "--max-publish-rate", defaultValue = "0", paramLabel = "N",
            description = "PUBLISH packets per second per connection, held back by reading slower; 0: no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxPublishRate;

    @Option(names = "--max-publish-bytes-rate", defaultValue = "0", paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = "Payload bytes per second per connection, held back by reading slower; 0: no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxPublishBytesRate;

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

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read settings from this YAML file (its mqtt section; see switchboard.example.yaml);"
                    + " flags given here override it.")
    Path configFile;

    @Spec
    CommandSpec spec;

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

    /** The broker's config from these options; IllegalArgumentException when the builder refuses it. */
    public BrokerConfig config() {
        return defaults().bindHost(bind).port(port).maxConnections(maxConnections)
                .maxPacketSize(maxPacketSize).maxKeepAliveSeconds(maxKeepAlive)
                .maxQueuedMessages(maxQueuedMessages).maxQueuedBytes(maxQueuedBytes).maxInflight(maxInflight)
                .maxConnectionsPerAddress(maxConnectionsPerAddress).maxConnectRatePerAddress(maxConnectRatePerAddress)
                .maxTopicLevels(maxTopicLevels).maxTopicLength(maxTopicLength)
                .maxSubscriptionsPerClient(maxSubscriptionsPerClient)
                .maxPublishRate(maxPublishRate).maxPublishBytesRate(maxPublishBytesRate)
                .connectTimeout(connectTimeout).sysInterval(sysInterval)
                .ioThreads(ioThreads).listeners(listeners.listeners()).store(store.store())
                .passwordFile(passwordFile).aclFile(aclFile).allowAnonymous(allowAnonymous).build();
    }

    /** The config from the file (if any) under the flags given, each error naming its flag or line. */
    public BrokerConfig configWith(ConfigFile file, Predicate<String> given) {
        return ConfigApplier.configure(this, spec, SECTION, file, given, MqttServeCommand::new, MqttServeCommand::config);
    }

    @Override
    public Integer call() throws Exception {
        ConfigFile file = configFile == null ? null : ConfigFile.load(configFile);
        BrokerConfig config = configWith(file, spec.commandLine().getParseResult()::hasMatchedOption);
        RunningServices services = new RunningServices();
        MqttBroker broker = MqttBroker.start(config);
        services.add(broker);
        reloadOnHangup(broker);
        services.awaitShutdownSignal();
        return 0;
    }
}
