package dev.switchboard.torrent.announce;

import dev.switchboard.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Makes tracker clients by URL scheme ({@code http}, {@code https}, {@code udp}) and owns what they
 * share: one JDK {@link HttpClient} and one event loop for every UDP tracker socket. One instance
 * serves every torrent of a process; close it last, after the announcers.
 */
public final class TrackerClients implements AutoCloseable {
    private final AnnounceConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final HttpClient http;

    public TrackerClients(AnnounceConfig config) {
        this.config = config;
        this.transport = Transport.best();
        this.group = transport.newGroup("announce-udp", 1);
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.httpTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public AnnounceConfig config() {
        return config;
    }

    /**
     * A new client for {@code uri}.
     *
     * @throws IllegalArgumentException for a scheme other than http, https and udp, or a UDP URL
     *     without host and port
     */
    public TrackerClient open(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> new HttpTrackerClient(uri, http, config);
            case "udp" -> new UdpTrackerClient(uri, group, transport, config);
            default -> throw new IllegalArgumentException("unsupported tracker URL " + uri
                    + ": only http, https and udp trackers are supported");
        };
    }

    /** Closes every UDP socket and releases the event loop thread. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
