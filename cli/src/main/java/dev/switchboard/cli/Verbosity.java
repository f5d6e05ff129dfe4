package dev.switchboard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --verbose}: debug logging and stack traces on errors. Inherited by every subcommand. */
public final class Verbosity {
    private static volatile boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log at debug level and print stack traces with errors.")
    void setVerbose(boolean value) {
        verbose = value;
        if (value) {
            rootLogger().setLevel(Level.DEBUG);
        }
    }

    public static boolean isVerbose() {
        return verbose;
    }

    /** For one-shot commands whose output is read: only warnings and errors, unless --verbose. */
    public static void quietLogs() {
        if (!verbose) {
            rootLogger().setLevel(Level.WARN);
        }
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
