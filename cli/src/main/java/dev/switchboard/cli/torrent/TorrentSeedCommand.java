package dev.switchboard.cli.torrent;

import dev.switchboard.cli.Verbosity;
import dev.switchboard.torrent.client.Torrent;
import dev.switchboard.torrent.client.TorrentClient;
import dev.switchboard.torrent.client.TorrentState;
import dev.switchboard.torrent.client.TorrentStatus;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.transport.Addresses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard torrent seed FILE.torrent DIR}: verifies {@code DIR/<name>} and serves it until
 * SIGINT/SIGTERM, then tells the trackers {@code stopped} and exits 0.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Serve a torrent's data, found at DIR/<name>, after verifying it, until Ctrl-C or SIGTERM.",
                "Pieces that are missing or damaged are downloaded first."})
public final class TorrentSeedCommand implements Callable<Integer> {
    static final long STATUS_MILLIS = 1000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.torrent", description = "The torrent to seed.")
    Path file;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory holding the payload DIR/<name>.")
    Path directory;

    @Mixin
    PeerOptions peer;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Verbosity.quietLogs();
        Metainfo metainfo = TorrentInfoCommand.read(file);
        Path payload = directory.resolve(metainfo.name());
        if (!Files.exists(payload)) {
            throw new NoSuchFileException(payload.toString(), null,
                    "no such file or directory; the payload of " + metainfo.name() + " must be at DIR/" + metainfo.name());
        }
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = StopSignal.install();
        try (TorrentClient client = TorrentClient.start(peer.config(true))) {
            Torrent torrent = client.add(metainfo, directory);
            CompletableFuture<Torrent> ready = torrent.ready().toCompletableFuture();
            while (!ready.isDone()) {
                if (stop.await(TorrentGetCommand.POLL_MILLIS)) {
                    return 0;
                }
            }
            TorrentStatus checked = torrent.status();
            if (checked.state() == TorrentState.FAILED) {
                throw new IOException(checked.error().orElse("the torrent failed"));
            }
            out.printf("verified: %d of %d pieces in %s%n", checked.piecesHave(), checked.pieceCount(), payload);
            if (!checked.isComplete()) {
                spec.commandLine().getErr().printf("warning: %d pieces missing or damaged; downloading them first%n",
                        checked.pieceCount() - checked.piecesHave());
                spec.commandLine().getErr().flush();
            }
            seedUntilStopped(torrent, client, stop, out);
        } finally {
            stop.finished();
        }
        return 0;
    }

    /** Prints the seeding line and serves until a stop signal; a failed torrent is an error. */
    static void seedUntilStopped(Torrent torrent, TorrentClient client, StopSignal stop, PrintWriter out)
            throws IOException, InterruptedException {
        out.printf("seeding: %s (%s) on %s; press Ctrl-C to stop%n", TerminalText.of(torrent.name()),
                HumanSize.of(torrent.metainfo().totalSize()), Addresses.format(client.localAddress()));
        out.flush();
        while (!stop.await(STATUS_MILLIS)) {
            TorrentStatus status = torrent.status();
            if (status.state() == TorrentState.FAILED) {
                throw new IOException(status.error().orElse("the torrent failed"));
            }
        }
        TorrentStatus last = torrent.status();
        out.printf("stopped: uploaded %s, downloaded %s%n", HumanSize.of(last.uploaded()), HumanSize.of(last.downloaded()));
        out.flush();
    }
}
