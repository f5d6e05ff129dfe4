package dev.switchboard.cli.torrent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGINT (Ctrl-C) and SIGTERM as a latch a command waits on, so it can stop its peer in order (trackers
 * told {@code stopped}) and exit 0 by itself. Uses {@code sun.misc.Signal} where the JVM offers it; else a
 * shutdown hook that waits (bounded) for the command to finish stopping.
 */
final class StopSignal {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
    private final CountDownLatch signalled = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Semaphore wake = new Semaphore(0);
    private final java.util.Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new java.util.HashMap<>();

    static StopSignal install() {
        StopSignal signal = new StopSignal();
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal which = new sun.misc.Signal(name);
                signal.previous.put(which, sun.misc.Signal.handle(which, s -> signal.signal()));
            }
        } catch (Throwable e) { // no such signal or no sun.misc: fall back to a hook
            LOG.debug("signal handlers unavailable ({}); using a shutdown hook", e.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                signal.signal();
                try {
                    signal.finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "switchboard-stop"));
        }
        return signal;
    }

    private void signal() {
        signalled.countDown();
        wake.release();
    }

    /**
     * Waits up to {@code millis} for a signal or a {@link #wake}; true if a signal came (now or before).
     */
    boolean await(long millis) throws InterruptedException {
        if (!received()) {
            wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
        }
        return received();
    }

    /** Ends the current (or next) {@link #await} early without a signal: what it waited for is done. */
    void wake() {
        wake.release();
    }

    boolean received() {
        return signalled.getCount() == 0;
    }

    /** The command has stopped everything: the previous handlers are back (a shutdown hook may return). */
    void finished() {
        previous.forEach(sun.misc.Signal::handle);
        previous.clear();
        finished.countDown();
    }
}
