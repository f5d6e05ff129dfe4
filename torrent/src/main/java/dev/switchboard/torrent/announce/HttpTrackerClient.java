package dev.switchboard.torrent.announce;

import dev.switchboard.torrent.PercentEncoding;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Announces to one HTTP(S) tracker (BEP 3) with the JDK's asynchronous {@link HttpClient}. The
 * query carries {@code info_hash} and {@code peer_id} percent-encoded byte by byte, {@code compact=1},
 * and the tracker id the tracker last gave. The reply is read up to
 * {@link AnnounceConfig#maxResponseBytes()} and parsed strictly; the whole exchange is bounded by
 * {@link AnnounceConfig#httpTimeout()}. Thread-safe.
 */
public final class HttpTrackerClient implements TrackerClient {
    private final URI uri;
    private final HttpClient http;
    private final AnnounceConfig config;
    private volatile String trackerId;

    /** @param http a client that may be shared by every tracker (see {@link TrackerClients}) */
    public HttpTrackerClient(URI uri, HttpClient http, AnnounceConfig config) {
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("not an HTTP tracker URL: " + uri);
        }
        this.uri = uri;
        this.http = http;
        this.config = config;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(AnnounceRequest request) {
        HttpRequest get = HttpRequest.newBuilder(announceUri(uri, request, trackerId))
                .timeout(config.httpTimeout())
                .header("Accept-Encoding", "identity")
                .GET()
                .build();
        return http.sendAsync(get, new BoundedBody(config.maxResponseBytes()))
                .orTimeout(config.httpTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw translate(AnnounceException.unwrap(failure));
                    }
                    return reply(response);
                });
    }

    private AnnounceResponse reply(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            try {
                BencodedAnnounceReply.parse(response.body(), config.maxResponseBytes());
            } catch (AnnounceException e) {
                if (e.kind() == AnnounceException.Kind.REFUSED) {
                    throw e; // some trackers refuse with a 4xx and a failure reason
                }
            }
            throw new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "tracker " + uri + " answered HTTP " + response.statusCode());
        }
        AnnounceResponse parsed = BencodedAnnounceReply.parse(response.body(), config.maxResponseBytes());
        parsed.trackerId().ifPresent(id -> trackerId = id);
        return parsed;
    }

    private AnnounceException translate(Throwable failure) {
        if (failure instanceof AnnounceException e) {
            return e;
        }
        if (failure instanceof HttpTimeoutException || failure instanceof TimeoutException) {
            return new AnnounceException(AnnounceException.Kind.TIMEOUT,
                    "tracker " + uri + " did not answer within " + config.httpTimeout().toMillis() + " ms", failure);
        }
        if (failure instanceof IOException) {
            return new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                    "cannot reach tracker " + uri + ": " + failure, failure);
        }
        return new AnnounceException(AnnounceException.Kind.UNREACHABLE,
                "announce to " + uri + " failed: " + failure, failure);
    }

    /** The announce URL: the tracker's own URL (its query kept) plus the BEP 3 parameters. */
    static URI announceUri(URI base, AnnounceRequest request, String trackerId) {
        StringBuilder query = new StringBuilder()
                .append("info_hash=").append(PercentEncoding.encode(request.infoHash().bytes()))
                .append("&peer_id=").append(PercentEncoding.encode(request.peerId().bytes()))
                .append("&port=").append(request.port())
                .append("&uploaded=").append(request.uploaded())
                .append("&downloaded=").append(request.downloaded())
                .append("&left=").append(request.left())
                .append("&compact=1")
                .append("&key=").append(String.format("%08X", request.key()));
        if (request.numWant() != AnnounceRequest.NUMWANT_DEFAULT) {
            query.append("&numwant=").append(request.numWant());
        }
        if (request.event() != AnnounceEvent.NONE) {
            query.append("&event=").append(eventName(request.event()));
        }
        if (trackerId != null) {
            query.append("&trackerid=").append(PercentEncoding.encode(trackerId.getBytes(StandardCharsets.UTF_8)));
        }
        String text = base.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        char separator = base.getRawQuery() == null ? '?' : '&';
        return URI.create(text + separator + query);
    }

    private static String eventName(AnnounceEvent event) {
        return switch (event) {
            case STARTED -> "started";
            case COMPLETED -> "completed";
            case STOPPED -> "stopped";
            case NONE -> "";
        };
    }

    /** Nothing to release: the HTTP client belongs to whoever made it. */
    @Override
    public void close() {
    }
}
