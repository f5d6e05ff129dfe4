package dev.switchboard.cli;

import dev.switchboard.cli.mqtt.MqttCommand;
import dev.switchboard.cli.reqrep.ReqRepCommand;
import dev.switchboard.cli.torrent.TorrentCommand;
import dev.switchboard.cli.tracker.TrackerCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard}: the top-level command; its subcommands do the work. */
@Command(name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Client-server, publish-subscribe and peer-to-peer networking on one Netty core.",
        subcommands = {ServeCommand.class, ReqRepCommand.class, MqttCommand.class, TorrentCommand.class, TrackerCommand.class,
                CommandLine.HelpCommand.class})
public final class SwitchboardCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    Verbosity verbosity;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code; prints errors as one line unless --verbose. */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** A configured command line writing to the given streams (tests capture them). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SwitchboardCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new ErrorReporter());
        return cli;
    }
}
