package dev.switchboard.cli.torrent;

import dev.switchboard.cli.ByteSizeConverter;
import dev.switchboard.cli.UsageException;
import dev.switchboard.cli.VersionProvider;
import dev.switchboard.cli.Verbosity;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.PieceLength;
import dev.switchboard.torrent.metainfo.TorrentCreator;
import dev.switchboard.torrent.metainfo.TorrentCreatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code switchboard torrent create PATH -t URL [-t URL ...] -o FILE.torrent}: hash files into a torrent. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Make a .torrent from a file or a directory (every file below it, hidden ones too).",
                "Progress goes to stderr; stdout gets the output file and the info-hash."})
public final class TorrentCreateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "The file or directory to share.")
    Path source;

    @Option(names = {"-t", "--tracker"}, required = true, paramLabel = "ANNOUNCE_URL",
            description = "Tracker announce URL (http, https or udp). Repeat for backups: each one is a tier of "
                    + "its own (BEP 12), tried in order; the first is also the 'announce'.")
    List<String> trackers;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.torrent",
            description = "Where to write the torrent.")
    Path output;

    @Option(names = "--piece-size", defaultValue = "auto", paramLabel = "auto|SIZE",
            description = "Piece size: a power of two from 16KiB to 256MiB (e.g. 256KiB, 4MiB), or auto to aim at "
                    + "1,000-2,000 pieces (default: ${DEFAULT-VALUE}).")
    String pieceSize;

    @Option(names = "--private", description = "Mark the torrent private (BEP 27): peers only from its trackers.")
    boolean privateTorrent;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment stored in the torrent.")
    String comment;

    @Option(names = "--force", description = "Overwrite FILE.torrent if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Verbosity.quietLogs();
        TorrentCreatorConfig config = config();
        if (!Files.exists(source)) {
            throw new NoSuchFileException(source.toString(), null, "no such file or directory");
        }
        checkOutput();
        PrintWriter err = spec.commandLine().getErr();
        HashProgressPrinter progress = new HashProgressPrinter(err, HashProgressPrinter.stderrIsTerminal(),
                Clock.systemUTC());
        Metainfo metainfo = new TorrentCreator(config).create(source, progress);
        progress.finish();
        write(metainfo.bytes());
        PrintWriter out = spec.commandLine().getOut();
        out.println("created: " + output);
        out.println("info-hash: " + metainfo.infoHash().hex());
        out.flush();
        return 0;
    }

    private TorrentCreatorConfig config() {
        TorrentCreatorConfig.Builder builder = TorrentCreatorConfig.builder()
                .privateTorrent(privateTorrent)
                .createdBy("switchboard " + VersionProvider.version());
        try {
            trackers.forEach(builder::tracker);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (comment != null) {
            builder.comment(comment);
        }
        if (!pieceSize.trim().toLowerCase(Locale.ROOT).equals("auto")) {
            builder.pieceLength(pieceLength(pieceSize));
        }
        return builder.build();
    }

    private static int pieceLength(String text) {
        int bytes;
        try {
            bytes = ByteSizeConverter.parse(text);
        } catch (TypeConversionException e) {
            throw new UsageException("--piece-size: " + e.getMessage() + ", or auto");
        }
        if (!PieceLength.isValid(bytes)) {
            throw new UsageException("--piece-size: " + text + " is not a power of two from 16KiB to 256MiB");
        }
        return bytes;
    }

    /** Refuses an existing output without --force, and an output inside the directory being hashed. */
    private void checkOutput() throws IOException {
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new FileAlreadyExistsException(output.toString(), null, "already exists; add --force to overwrite it");
        }
        Path parent = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new NoSuchFileException(parent.toString(), null, "no such directory for the output");
        }
        Path realSource = source.toRealPath();
        if (Files.isDirectory(realSource) && parent.toRealPath().startsWith(realSource)) {
            throw new UsageException("the output " + output + " would be inside " + source
                    + ", which is being shared; write it elsewhere");
        }
    }

    private void write(byte[] torrent) throws IOException {
        if (!force) {
            Files.write(output, torrent, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, ".switchboard-", ".torrent.part");
        try {
            Files.write(temporary, torrent);
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
