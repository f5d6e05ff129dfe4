package dev.switchboard.torrent.announce;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Announces to one tracker. Implementations are thread-safe and never block the caller: the future
 * completes with the tracker's {@link AnnounceResponse}, or fails with an {@link AnnounceException}.
 */
public interface TrackerClient extends AutoCloseable {
    /** The announce URL this client talks to. */
    URI uri();

    CompletableFuture<AnnounceResponse> announce(AnnounceRequest request);

    /** Releases the client's socket, if it has one; announces still outstanding fail. Never blocks. */
    @Override
    void close();
}
