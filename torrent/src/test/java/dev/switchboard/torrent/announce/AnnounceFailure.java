package dev.switchboard.torrent.announce;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** For tests of tracker clients: the failure an announce ended with. */
final class AnnounceFailure {
    private AnnounceFailure() {
    }

    /** Waits up to 30 s for {@code future} to fail and returns its {@link AnnounceException}; an error if it succeeds. */
    static AnnounceException of(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return (AnnounceException) AnnounceException.unwrap(e.getCause() == null ? e : e.getCause());
        }
        throw new AssertionError("announce succeeded");
    }
}
