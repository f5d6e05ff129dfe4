package dev.switchboard.cli.tracker;

import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.RunningServices;
import dev.switchboard.cli.UsageException;
import dev.switchboard.torrent.tracker.AllowList;
import dev.switchboard.torrent.tracker.TrackerConfig;
import dev.switchboard.torrent.tracker.TrackerServer;
import java.nio.file.Path;
import dev.switchboard.cli.config.ConfigApplier;
import dev.switchboard.cli.config.ConfigFile;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard tracker serve}: the tracker until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a BitTorrent tracker: HTTP announce and scrape (BEP 3, 23, 7, 48)",
                "on a TCP port and BEP 15 on the UDP port of the same number.",
                "Announce URLs: http://HOST:PORT/announce and udp://HOST:PORT"})
public final class TrackerServeCommand implements Callable<Integer> {
    /** Its section of the config file. */
    public static final String SECTION = "tracker";

    /** The most info-hashes an allow-list file may hold. */
    static final int MAX_ALLOW_LIST = 1_000_000;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens it to other hosts).")
    String bind;

    @Option(names = "--port", defaultValue = "6969", paramLabel = "PORT",
            description = "TCP (HTTP) and UDP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--interval", defaultValue = "30m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often clients should announce (default: ${DEFAULT-VALUE}); peers silent for "
                    + "this plus 5m are dropped.")
    Duration interval;

    @Option(names = "--max-peers-per-torrent", defaultValue = "5000", paramLabel = "N",
            description = "Peers remembered per torrent; more still get peers (default: ${DEFAULT-VALUE}).")
    int maxPeersPerTorrent;

    @Option(names = "--max-torrents", defaultValue = "100000", paramLabel = "N",
            description = "Torrents tracked at once; announces for new ones past it are refused (default: ${DEFAULT-VALUE}).")
    int maxTorrents;

    @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N",
            description = "HTTP connections open at once; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--allow-list", paramLabel = "FILE",
            description = "Serve only these torrents: one 40-hex info-hash a line, # comments (default: every torrent).")
    Path allowList;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read settings from this YAML file (its tracker section; see switchboard.example.yaml);"
                    + " flags given here override it.")
    Path configFile;

    @Spec
    CommandSpec spec;

    /** The tracker's defaults as the CLI starts it. */
    public static TrackerConfig.Builder defaults() {
        return TrackerConfig.builder();
    }

    /** The tracker's config from these options (reads the allow-list); IllegalArgumentException when refused. */
    public TrackerConfig config() {
        AllowList allowed;
        try {
            allowed = allowList == null ? AllowList.everything() : AllowList.load(allowList, MAX_ALLOW_LIST);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e); // a bad file, not a bad option: exit 1
        }
        return defaults()
                .bindHost(bind)
                .port(port)
                .announceInterval(interval)
                .maxPeersPerTorrent(maxPeersPerTorrent)
                .maxTorrents(maxTorrents)
                .maxConnections(maxConnections)
                .allowList(allowed)
                .build();
    }

    /** The config from the file (if any) under the flags given, each error naming its flag or line. */
    public TrackerConfig configWith(ConfigFile file, Predicate<String> given) {
        try {
            return ConfigApplier.configure(this, spec, SECTION, file, given, TrackerServeCommand::new,
                    TrackerServeCommand::config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        ConfigFile file = configFile == null ? null : ConfigFile.load(configFile);
        TrackerConfig config = configWith(file, spec.commandLine().getParseResult()::hasMatchedOption);
        RunningServices services = new RunningServices();
        services.add(TrackerServer.start(config));
        services.awaitShutdownSignal();
        return 0;
    }
}
