package dev.switchboard.torrent.metainfo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a torrent is made from: one regular file, or every file below a directory.
 *
 * <p>Nothing is skipped silently. Hidden files are included like any other. Files are ordered by
 * {@link TorrentPath} (component by component, unsigned UTF-8 bytes), so the same tree always gives the
 * same torrent. A name that could not be downloaded safely (see {@link TorrentPath}) is an error rather
 * than being renamed. Empty directories cannot be expressed in a v1 torrent; each is logged as a warning.
 *
 * <p><b>Symbolic links.</b> The source itself may be a link: the user named it, and the torrent takes
 * the link's name. Below it, a link to a
 * regular file inside the source directory is followed (its content is shared under the link's name,
 * as mktorrent and Transmission do). A link whose target lies outside the source directory, a link to
 * a directory and a dangling link are errors naming the link: following them could publish files the
 * user never meant to share, and directory links can form cycles. Devices, sockets and pipes are errors.
 */
final class TorrentSource {
    private static final Logger log = LoggerFactory.getLogger(TorrentSource.class);

    /** One file to hash: where it is on disk, where it goes in the torrent, and its size when scanned. */
    record SourceFile(Path file, TorrentPath path, long length) {}

    private final String name;
    private final boolean multiFile;
    private final List<SourceFile> files;

    private TorrentSource(String name, boolean multiFile, List<SourceFile> files) {
        this.name = name;
        this.multiFile = multiFile;
        this.files = List.copyOf(files);
    }

    /** Scans {@code source}, a regular file or a directory. */
    static TorrentSource scan(Path source) throws IOException {
        if (!Files.exists(source)) {
            throw new NoSuchFileException(source.toString(), null, "no such file or directory");
        }
        Path root = source.toRealPath();
        Path fileName = source.toAbsolutePath().normalize().getFileName();
        if (fileName == null) {
            throw new MetainfoException(source + ": a torrent is named after its file or directory; / has no name");
        }
        TorrentPath name = TorrentPath.of(fileName.toString());
        BasicFileAttributes attributes = Files.readAttributes(root, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
            return new TorrentSource(name.fileName(), false,
                    List.of(new SourceFile(root, name, attributes.size())));
        }
        if (!attributes.isDirectory()) {
            throw notRegular(source);
        }
        List<SourceFile> files = new ArrayList<>();
        walk(root, root, name, files);
        if (files.isEmpty()) {
            throw new MetainfoException(source + ": no files in this directory");
        }
        files.sort(Comparator.comparing(SourceFile::path));
        return new TorrentSource(name.fileName(), true, files);
    }

    private static void walk(Path root, Path directory, TorrentPath path, List<SourceFile> out) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        }
        if (children.isEmpty()) {
            log.warn("{}: empty directory, which a torrent cannot hold; it is left out", directory);
        }
        for (Path child : children) {
            TorrentPath childPath = path.resolve(child.getFileName().toString());
            BasicFileAttributes attributes =
                    Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                out.add(linkedFile(root, child, childPath));
            } else if (attributes.isDirectory()) {
                walk(root, child, childPath, out);
            } else if (attributes.isRegularFile()) {
                out.add(new SourceFile(child, childPath, attributes.size()));
            } else {
                throw notRegular(child);
            }
        }
    }

    private static SourceFile linkedFile(Path root, Path link, TorrentPath path) throws IOException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new MetainfoException(link + ": symbolic link to a missing file (" + Files.readSymbolicLink(link) + ")");
        }
        if (!target.startsWith(root)) {
            throw new MetainfoException(link + ": symbolic link to " + target + ", outside " + root
                    + "; only links to files inside the shared directory are followed");
        }
        BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new MetainfoException(link + ": symbolic link to a directory; only links to files are followed");
        }
        if (!attributes.isRegularFile()) {
            throw notRegular(link);
        }
        return new SourceFile(target, path, attributes.size());
    }

    private static MetainfoException notRegular(Path path) {
        return new MetainfoException(path + ": neither a regular file nor a directory (a device, socket or pipe?)");
    }

    /** Returns the torrent's name: the source's file name. */
    String name() {
        return name;
    }

    /** Returns whether the source is a directory (a multi-file torrent, even with one file). */
    boolean multiFile() {
        return multiFile;
    }

    /** Returns the files in torrent order. */
    List<SourceFile> files() {
        return files;
    }

    /** Returns the sum of the file sizes. */
    long totalSize() {
        long total = 0;
        for (SourceFile file : files) {
            total = Math.addExact(total, file.length());
        }
        return total;
    }

    /** Throws if a file's size differs from when it was scanned (it changed while being hashed). */
    void checkUnchanged() throws IOException {
        for (SourceFile file : files) {
            long now = Files.size(file.file());
            if (now != file.length()) {
                throw new IOException(file.file() + ": changed while hashing (" + file.length() + " bytes, now "
                        + now + "); try again when it is complete");
            }
        }
    }
}
