package dev.switchboard.mqtt.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Durability#PERIODIC}: commits and syncs every commit interval; nobody waits for it. */
final class PeriodicCommit implements Commits {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicCommit.class);
    private final ScheduledExecutorService timer;

    PeriodicCommit(Runnable commitAndSync, Duration interval, String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                commitAndSync.run();
            } catch (RuntimeException e) {
                LOG.error("periodic store commit failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<Void> durable() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("periodic store commit still running after 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
