package dev.switchboard.cli.torrent;

import dev.switchboard.cli.ByteSizeConverter;
import dev.switchboard.cli.UsageException;
import dev.switchboard.torrent.client.PeerConfig;
import picocli.CommandLine.Option;

/** The peer's flags shared by {@code torrent get} and {@code torrent seed}, mapped onto {@link PeerConfig}. */
public final class PeerOptions {
    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on for peers (default: ${DEFAULT-VALUE}; 0.0.0.0 opens it to other hosts).")
    String bind;

    @Option(names = "--port", defaultValue = "6881", paramLabel = "PORT",
            description = "TCP port for incoming peers (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-peers", defaultValue = "50", paramLabel = "N",
            description = "Peer connections at most, both directions (default: ${DEFAULT-VALUE}).")
    int maxPeers;

    @Option(names = "--download-limit", defaultValue = "0", paramLabel = "RATE", converter = ByteSizeConverter.class,
            description = "Bytes per second to receive at most, e.g. 512KiB or 2MiB; 0 for no limit (default).")
    int downloadLimit;

    @Option(names = "--upload-limit", defaultValue = "0", paramLabel = "RATE", converter = ByteSizeConverter.class,
            description = "Bytes per second to send at most, e.g. 512KiB or 2MiB; 0 for no limit (default).")
    int uploadLimit;

    /** The peer configuration these flags describe; a bad value is a usage error. */
    PeerConfig config(boolean seedAfterCompletion) {
        try {
            return PeerConfig.builder()
                    .bindHost(bind)
                    .port(port)
                    .maxPeers(maxPeers)
                    .downloadLimit(downloadLimit)
                    .uploadLimit(uploadLimit)
                    .seedAfterCompletion(seedAfterCompletion)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
