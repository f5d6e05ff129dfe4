package dev.switchboard.cli.tracker;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard tracker}: the BitTorrent tracker. */
@Command(name = "tracker", mixinStandardHelpOptions = true,
        description = "BitTorrent tracker: HTTP and UDP announce and scrape on one port.",
        subcommands = {TrackerServeCommand.class})
public final class TrackerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
