package dev.switchboard.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Started services that run until the process is told to stop (Ctrl-C, SIGTERM); they are then
 * closed gracefully in reverse start order before the process exits.
 */
public final class RunningServices {
    private static final Logger LOG = LoggerFactory.getLogger(RunningServices.class);
    private final Deque<AutoCloseable> services = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public synchronized void add(AutoCloseable service) {
        services.push(service);
    }

    /** Blocks until a shutdown signal has closed every service. */
    public void awaitShutdownSignal() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "switchboard-shutdown"));
        LOG.info("switchboard {} ready; press Ctrl-C to stop", VersionProvider.version());
        stopped.await();
    }

    /** Closes every service now (also used when starting one of them failed). */
    public synchronized void closeAll() {
        if (stopped.getCount() == 0) {
            return;
        }
        LOG.info("stopping");
        while (!services.isEmpty()) {
            AutoCloseable service = services.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", service, e.toString());
            }
        }
        stopped.countDown();
    }
}
