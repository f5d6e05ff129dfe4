package dev.switchboard.cli.reqrep;

import dev.switchboard.cli.ByteSizeConverter;
import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.RunningServices;
import dev.switchboard.cli.Verbosity;
import dev.switchboard.reqrep.server.ReqRepServer;
import dev.switchboard.reqrep.server.ReqRepServerConfig;
import dev.switchboard.cli.config.ConfigApplier;
import dev.switchboard.cli.config.ConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard reqrep serve}: the request/response server until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve requests on one port: plain socket programs (raw) and the framed protocol.",
                "Raw clients get the raw route's answer (hello: 'Hello, client!') and are closed."})
public final class ReqRepServeCommand implements Callable<Integer> {
    /** Its section of the config file. */
    public static final String SECTION = "reqrep";

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens it to other hosts).")
    String bind;

    @Option(names = "--port", defaultValue = "1234", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N",
            description = "Connections open at once; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Close a connection that completes no request in this time (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--max-frame", defaultValue = "16MiB", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest frame accepted or sent (default: 16MiB).")
    int maxFrame;

    @Option(names = "--raw-route", defaultValue = "hello", paramLabel = "ROUTE",
            description = "Route that answers raw (plain socket) clients: hello or echo (default: ${DEFAULT-VALUE}).")
    String rawRoute;

    @Option(names = "--workers", defaultValue = "32", paramLabel = "N",
            description = "Threads for routes that block (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--drain-timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "On shutdown, time in-flight requests get to finish (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N",
            description = "Event loop threads; 0 is one per core (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read settings from this YAML file (its reqrep section; see switchboard.example.yaml);"
                    + " flags given here override it.")
    Path configFile;

    @Spec
    CommandSpec spec;

    /** The server's defaults as the CLI starts it. */
    public static ReqRepServerConfig.Builder defaults() {
        return ReqRepServerConfig.builder();
    }

    /** The server's config from these options; IllegalArgumentException when the builder refuses it. */
    public ReqRepServerConfig config() {
        return defaults()
                .bindHost(bind)
                .port(port)
                .maxConnections(maxConnections)
                .idleTimeout(idleTimeout)
                .maxFrameLength(maxFrame)
                .rawRoute(rawRoute)
                .workerThreads(workers)
                .drainTimeout(drainTimeout)
                .ioThreads(ioThreads)
                .build();
    }

    /** The config from the file (if any) under the flags given, each error naming its flag or line. */
    public ReqRepServerConfig configWith(ConfigFile file, Predicate<String> given) {
        return ConfigApplier.configure(this, spec, SECTION, file, given, ReqRepServeCommand::new,
                ReqRepServeCommand::config);
    }

    @Override
    public Integer call() throws Exception {
        ConfigFile file = configFile == null ? null : ConfigFile.load(configFile);
        ReqRepServerConfig config = configWith(file, spec.commandLine().getParseResult()::hasMatchedOption);
        RunningServices services = new RunningServices();
        services.add(ReqRepServer.start(config));
        services.awaitShutdownSignal();
        return 0;
    }
}
