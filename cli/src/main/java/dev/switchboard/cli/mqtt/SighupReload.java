package dev.switchboard.cli.mqtt;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the broker's password and ACL files on SIGHUP, as Mosquitto does, through
 * {@code sun.misc.Signal} where the JVM has it (not on Windows, which has no SIGHUP).
 */
final class SighupReload {
    private static final Logger LOG = LoggerFactory.getLogger(SighupReload.class);

    private SighupReload() {
    }

    /** Installs the handler; returns false (and logs why at debug) when this JVM or OS cannot. */
    static boolean install(BooleanSupplier reload) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                LOG.info("SIGHUP: reloading the password and ACL files");
                reload.getAsBoolean();
            });
            return true;
        } catch (LinkageError | IllegalArgumentException | UnsupportedOperationException e) {
            LOG.debug("no SIGHUP reload here: {}", e.toString());
            return false;
        }
    }
}
