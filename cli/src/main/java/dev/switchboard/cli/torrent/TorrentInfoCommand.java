package dev.switchboard.cli.torrent;

import dev.switchboard.cli.Verbosity;
import dev.switchboard.torrent.metainfo.FileEntry;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.MetainfoException;
import dev.switchboard.torrent.metainfo.MetainfoParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard torrent info FILE.torrent}: what a torrent holds, one {@code key: value} per line.
 * Files are listed with their path below the download directory; BEP 47 padding files are left out of
 * the list (they are never written) but counted in {@code size}.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show a .torrent: name, info-hash, size, pieces, private flag, files and trackers.",
                "A torrent that is malformed or unsafe to download is one error line naming the problem."})
public final class TorrentInfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.torrent", description = "The torrent file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        Verbosity.quietLogs();
        Metainfo metainfo = read(file);
        PrintWriter out = spec.commandLine().getOut();
        print(metainfo, out);
        out.flush();
        return 0;
    }

    /** Reads a .torrent, with one-line errors naming the file for a missing, directory or malformed one. */
    static Metainfo read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": a directory, not a .torrent file");
        }
        try {
            return MetainfoParser.read(file);
        } catch (MetainfoException e) {
            throw new MetainfoException(file + ": not a usable torrent: " + e.getMessage(), e);
        }
    }

    static void print(Metainfo metainfo, PrintWriter out) {
        out.println("name: " + metainfo.name());
        out.println("info-hash: " + metainfo.infoHash().hex());
        out.println("size: " + metainfo.totalSize() + " (" + HumanSize.of(metainfo.totalSize()) + ")");
        out.println("pieces: " + metainfo.pieceCount() + " x " + metainfo.pieceLength());
        out.println("private: " + (metainfo.isPrivate() ? "yes" : "no"));
        metainfo.comment().ifPresent(comment -> out.println("comment: " + TerminalText.of(comment)));
        metainfo.createdBy().ifPresent(by -> out.println("created by: " + TerminalText.of(by)));
        metainfo.creationDate().ifPresent(date -> out.println("creation date: " + date));
        out.println("files:");
        for (FileEntry entry : metainfo.files()) {
            if (!entry.padding()) {
                out.println("  " + entry.path() + ": " + entry.length() + " (" + HumanSize.of(entry.length()) + ")");
            }
        }
        List<List<String>> tiers = metainfo.trackerTiers();
        out.println(tiers.isEmpty() ? "trackers: none" : "trackers:");
        for (int tier = 0; tier < tiers.size(); tier++) {
            for (String url : tiers.get(tier)) {
                out.println("  tier " + (tier + 1) + ": " + TerminalText.of(url));
            }
        }
    }
}
