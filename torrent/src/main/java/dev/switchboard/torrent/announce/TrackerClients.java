package dev.switchboard.torrent.announce;

import dev.switchboard.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Makes tracker clients by URL scheme ({@code http}, {@code https}, {@code udp}) and owns what they
 * share: one event loop for every tracker connection and UDP socket, and the TLS client context for
 * https trackers (made at the first one). One instance serves every torrent of a process; close it
 * last, after the announcers.
 */
public final class TrackerClients implements AutoCloseable {
    private final AnnounceConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private SslContext tls; // guarded by this

    public TrackerClients(AnnounceConfig config) {
        this.config = config;
        this.transport = Transport.best();
        this.group = transport.newGroup("announce", 1);
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
            case "http", "https" -> new HttpTrackerClient(uri, group, transport, this::tls, config);
            case "udp" -> new UdpTrackerClient(uri, group, transport, config);
            default -> throw new IllegalArgumentException("unsupported tracker URL " + uri
                    + ": only http, https and udp trackers are supported");
        };
    }

    /** The JDK's trust store and TLS: loaded at the first https tracker, not by every download. */
    private synchronized SslContext tls() {
        if (tls == null) {
            try {
                tls = SslContextBuilder.forClient().build();
            } catch (SSLException e) {
                throw new AnnounceException(AnnounceException.Kind.UNREACHABLE, "cannot set up TLS for https trackers: "
                        + e.getMessage(), e);
            }
        }
        return tls;
    }

    /** Closes every tracker connection and UDP socket and releases the event loop thread. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
