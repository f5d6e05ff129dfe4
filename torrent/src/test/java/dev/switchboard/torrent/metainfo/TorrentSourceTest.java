package dev.switchboard.torrent.metainfo;

import static dev.switchboard.torrent.metainfo.TorrentCreatorTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes into a torrent from disk, and what is refused: the symbolic link policy and bad names. */
class TorrentSourceTest {
    @TempDir
    Path dir;

    @Test
    void linkToAFileInsideIsFollowedUnderTheLinksName() throws Exception {
        Path root = Files.createDirectory(dir.resolve("share"));
        Path target = write(root.resolve("real.bin"), 100, 1);
        Files.createSymbolicLink(root.resolve("alias.bin"), Path.of("real.bin"));

        TorrentSource source = TorrentSource.scan(root);

        assertThat(source.files()).extracting(f -> f.path().toString()).containsExactly("share/alias.bin", "share/real.bin");
        assertThat(source.files().get(0).file()).isEqualTo(target.toRealPath());
        assertThat(source.files().get(0).length()).isEqualTo(100);
    }

    @Test
    void linkLeavingTheDirectoryIsRefused() throws Exception {
        Path secret = write(dir.resolve("secret"), 10, 1);
        Path root = Files.createDirectory(dir.resolve("share"));
        Path link = Files.createSymbolicLink(root.resolve("innocent"), secret);

        assertThatThrownBy(() -> TorrentSource.scan(root))
                .isInstanceOf(MetainfoException.class)
                .hasMessage(link + ": symbolic link to " + secret.toRealPath() + ", outside " + root.toRealPath()
                        + "; only links to files inside the shared directory are followed");
    }

    @Test
    void linkToADirectoryIsRefused() throws Exception {
        Path root = Files.createDirectory(dir.resolve("share"));
        Files.createDirectory(root.resolve("sub"));
        write(root.resolve("sub/f"), 1, 1);
        Path loop = Files.createSymbolicLink(root.resolve("sub/loop"), Path.of(".."));

        assertThatThrownBy(() -> TorrentSource.scan(root))
                .hasMessage(loop + ": symbolic link to a directory; only links to files are followed");
    }

    @Test
    void danglingLinkIsRefused() throws Exception {
        Path root = Files.createDirectory(dir.resolve("share"));
        Path link = Files.createSymbolicLink(root.resolve("gone"), Path.of("nowhere"));

        assertThatThrownBy(() -> TorrentSource.scan(root))
                .hasMessage(link + ": symbolic link to a missing file (nowhere)");
    }

    @Test
    void theSourceMayBeALinkAndKeepsItsName() throws Exception {
        Path target = write(dir.resolve("target.iso"), 10, 1);
        Path link = Files.createSymbolicLink(dir.resolve("nice-name.iso"), target);

        TorrentSource source = TorrentSource.scan(link);

        assertThat(source.name()).isEqualTo("nice-name.iso");
        assertThat(source.files()).extracting(f -> f.path().toString()).containsExactly("nice-name.iso");
    }

    @Test
    void fileNameThatIsUnsafeElsewhereIsRefusedNotRenamed() throws Exception {
        Path root = Files.createDirectory(dir.resolve("share"));
        write(root.resolve("back\\slash"), 1, 1);

        assertThatThrownBy(() -> TorrentSource.scan(root))
                .isInstanceOf(MetainfoException.class)
                .hasMessage("unsafe path 'share/back\\slash': component 'back\\slash' contains '\\'");
    }

    @Test
    void missingSourceIsNamed() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> TorrentSource.scan(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file or directory");
    }

    @Test
    void directoryWithoutFilesIsRefusedAndEmptyDirectoriesAreLeftOut() throws Exception {
        Path root = Files.createDirectories(dir.resolve("share/empty"));
        assertThatThrownBy(() -> TorrentSource.scan(root.getParent()))
                .hasMessage(root.getParent() + ": no files in this directory");

        write(root.getParent().resolve("f"), 1, 1);
        assertThat(TorrentSource.scan(root.getParent()).files()).hasSize(1);
    }

    @Test
    void onlyEmptyFilesIsNothingToShare() throws Exception {
        Path root = Files.createDirectory(dir.resolve("share"));
        write(root.resolve("a"), 0, 1);
        assertThatThrownBy(() -> new TorrentCreator(TorrentCreatorConfig.builder().build()).create(root, HashingProgress.NONE))
                .isInstanceOf(MetainfoException.class)
                .hasMessage(root + ": nothing to share; every file is empty");
    }

    @Test
    void fileGrowingWhileHashedIsAnError() throws Exception {
        Path file = write(dir.resolve("growing"), 4 * 16384, 1);
        TorrentCreator creator = new TorrentCreator(TorrentCreatorConfig.builder().hashThreads(1).build());

        assertThatThrownBy(() -> creator.create(file, (hashed, total) -> append(file)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith(file.toRealPath() + ": changed while hashing (65536 bytes, now ");
    }

    @Test
    void fileShrinkingWhileHashedIsAnError() throws Exception {
        Path file = write(dir.resolve("shrinking"), 4 * 16384, 1);
        TorrentCreator creator = new TorrentCreator(TorrentCreatorConfig.builder().hashThreads(1).build());

        assertThatThrownBy(() -> creator.create(file, (hashed, total) -> truncate(file)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage(file.toRealPath() + ": ended after 16384 of 65536 bytes; did it change while hashing?");
    }

    private static void append(Path file) {
        try {
            Files.write(file, new byte[1], java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void truncate(Path file) {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(16384);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
