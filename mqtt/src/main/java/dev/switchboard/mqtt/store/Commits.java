package dev.switchboard.mqtt.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The durability barrier: a caller that must not acknowledge a message (PUBACK, PUBREC) before it
 * is stored writes it, then waits on {@link #durable()}. Never blocks the caller.
 */
public interface Commits extends AutoCloseable {
    /**
     * Completes once every write this thread made before the call is as durable as the
     * {@link Durability} setting promises: after the commit and sync that cover it for
     * {@link Durability#ALWAYS}, at once otherwise. Completes exceptionally when the commit fails
     * or the store is closed.
     */
    CompletionStage<Void> durable();

    /** Stops committing; the owner of the file makes the final commit. */
    @Override
    void close();

    /** For in-memory stores and {@link Durability#NEVER}: everything is as durable as it gets at once. */
    static Commits immediate() {
        return new Commits() {
            @Override
            public CompletionStage<Void> durable() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
    }
}
