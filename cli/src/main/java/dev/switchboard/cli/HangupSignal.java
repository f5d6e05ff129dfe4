package dev.switchboard.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP, the Unix way to tell a daemon to reread its files. Uses {@code sun.misc.Signal}
 * (module jdk.unsupported), the only way the JDK offers; where it is unavailable (Windows) the
 * handler is simply not installed and the files are still checked for changes.
 */
public final class HangupSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /** Runs {@code action} on every SIGHUP, on the JVM's signal thread. */
    public static void onHangup(String what, Runnable action) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                LOG.info("SIGHUP: {}", what);
                action.run();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.info("SIGHUP is not available here ({}); {} happens only when the files change", e.getMessage(), what);
        }
    }
}
