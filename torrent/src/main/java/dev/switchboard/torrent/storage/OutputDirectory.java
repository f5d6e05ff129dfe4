package dev.switchboard.torrent.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory a torrent is stored below, checked before anything is written. The metainfo's paths
 * are safe as text ({@link dev.switchboard.torrent.metainfo.TorrentPath}); on disk a symbolic link
 * already there could still lead a file elsewhere ({@code OUTDIR/album -> /etc}), so every file's
 * nearest existing ancestor (or the file itself) must, once links are followed, lie inside the
 * directory, and no file may be a directory.
 */
final class OutputDirectory {
    private OutputDirectory() {}

    /**
     * Creates {@code directory} if needed, refuses any file of {@code layout} that escapes it ({@link
     * StorageException.Reason#UNSAFE_PATH}), then creates the empty files, which no write would.
     */
    static void prepare(Path directory, FileLayout layout) {
        Path real;
        try {
            Files.createDirectories(directory);
            real = directory.toRealPath();
        } catch (IOException e) {
            throw new StorageException(StorageException.Reason.IO_ERROR,
                    "cannot create output directory " + directory + ": " + e.getMessage(), e);
        }
        for (int file = 0; file < layout.fileCount(); file++) {
            if (!layout.isPadding(file)) {
                check(directory, real, layout.path(file));
            }
        }
        for (int file = 0; file < layout.fileCount(); file++) {
            if (layout.length(file) == 0 && !layout.isPadding(file)) {
                createEmpty(layout.path(file));
            }
        }
    }

    private static void check(Path directory, Path realDirectory, Path file) {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new StorageException(StorageException.Reason.UNSAFE_PATH,
                    "cannot store " + file + ": a directory is in the way");
        }
        for (Path at = file; at != null && at.startsWith(directory); at = at.getParent()) {
            if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                Path resolved;
                try {
                    resolved = at.toRealPath();
                } catch (IOException e) {
                    throw new StorageException(StorageException.Reason.UNSAFE_PATH,
                            "refusing " + file + ": " + at + " is a link that leads nowhere", e);
                }
                if (!resolved.startsWith(realDirectory)) {
                    throw new StorageException(StorageException.Reason.UNSAFE_PATH,
                            "refusing " + file + ": " + at + " leads outside " + directory + " (to " + resolved + ")");
                }
                return;
            }
        }
    }

    private static void createEmpty(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw StorageException.writing(file, e);
        }
    }
}
