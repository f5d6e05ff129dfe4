package dev.switchboard.cli.torrent;

import dev.switchboard.cli.Verbosity;
import dev.switchboard.torrent.client.Torrent;
import dev.switchboard.torrent.client.TorrentClient;
import dev.switchboard.torrent.client.TorrentStatus;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.transport.Addresses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard torrent get FILE.torrent -o DIR}: downloads into {@code DIR/<name>}, verifying every
 * piece, resuming from what is already there; exits 0 once complete, or seeds on with {@code --seed}
 * until SIGINT/SIGTERM.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Download a torrent into DIR/<name>, every piece verified; what DIR already holds is checked",
                "and kept, so running it again resumes. Progress on stdout; the last line is",
                "'complete: NAME SIZE in T s (avg R MiB/s)'. Exit 0 only when complete."})
public final class TorrentGetCommand implements Callable<Integer> {
    static final long POLL_MILLIS = 200;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.torrent", description = "The torrent to download.")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Directory to download into (created if missing).")
    Path output;

    @Option(names = "--seed", description = "Keep seeding once complete, until Ctrl-C or SIGTERM.")
    boolean seed;

    @Mixin
    PeerOptions peer;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Verbosity.quietLogs();
        Metainfo metainfo = TorrentInfoCommand.read(file);
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = StopSignal.install();
        try (TorrentClient client = TorrentClient.start(peer.config(seed))) {
            out.printf("get: %s (%s, %d pieces) into %s; peer on %s%n", TerminalText.of(metainfo.name()),
                    HumanSize.of(metainfo.totalSize()), metainfo.pieceCount(), output,
                    Addresses.format(client.localAddress()));
            out.flush();
            Torrent torrent = client.add(metainfo, output);
            TransferProgressPrinter progress = new TransferProgressPrinter(out, Terminal.stdoutIsTerminal(),
                    Clock.systemUTC());
            CompletableFuture<TorrentStatus> completion = torrent.completion().toCompletableFuture();
            completion.whenComplete((status, failure) -> stop.wake()); // no waiting out the poll interval
            while (!completion.isDone()) {
                if (stop.await(POLL_MILLIS)) {
                    progress.stop();
                    TorrentStatus status = torrent.status();
                    throw new IOException("stopped at " + TransferProgressPrinter.percent(status) + "% ("
                            + status.piecesHave() + " of " + status.pieceCount()
                            + " pieces); run the same command again to resume");
                }
                progress.update(torrent.status());
            }
            progress.complete(finished(completion, progress));
            if (seed) {
                TorrentSeedCommand.seedUntilStopped(torrent, client, stop, out);
            }
        } finally {
            stop.finished();
        }
        return 0;
    }

    /** The completed status, or the torrent's failure as one error line. */
    static TorrentStatus finished(CompletableFuture<TorrentStatus> completion, TransferProgressPrinter progress)
            throws IOException {
        try {
            return completion.join();
        } catch (CompletionException e) {
            progress.stop();
            throw new IOException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), e);
        }
    }
}
