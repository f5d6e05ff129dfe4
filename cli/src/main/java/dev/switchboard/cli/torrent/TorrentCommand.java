package dev.switchboard.cli.torrent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard torrent}: the peer-to-peer pattern's files. */
@Command(name = "torrent", mixinStandardHelpOptions = true,
        description = "BitTorrent: make a .torrent from files, show what a .torrent holds, download and seed.",
        subcommands = {TorrentCreateCommand.class, TorrentInfoCommand.class, TorrentGetCommand.class,
                TorrentSeedCommand.class})
public final class TorrentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
