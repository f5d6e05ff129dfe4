package dev.switchboard.torrent.storage;

import static dev.switchboard.torrent.storage.TestTorrents.PIECE;
import static dev.switchboard.torrent.storage.TestTorrents.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.storage.TestTorrents.Content;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk and paths that would leave the output directory. */
class StorageFailureTest {
    @TempDir
    Path root;

    private final PieceVerifier verifier = new PieceVerifier(1, 16);

    @AfterEach
    void closeVerifier() {
        verifier.close();
    }

    @Test
    void diskFullIsATypedFailureAndThePieceNeverCompletes() throws Exception {
        byte[] data = randomBytes(2 * PIECE, 1);
        Metainfo metainfo = TestTorrents.singleFile("x.bin", data, PIECE);
        AtomicLong space = new AtomicLong(PIECE + 1000);
        ChannelOpener smallDisk = (path, options) -> new DiskFullChannel(FileChannel.open(path, options), space,
                path.toString());
        Path out = root.resolve("out");
        try (FilePieceStorage storage = FilePieceStorage.open(metainfo, out, verifier, smallDisk, 4)) {
            storage.writeBlock(0, 0, ByteBuffer.wrap(data, 0, PIECE));
            assertThat(FilePieceStorageTest.verify(storage, 0)).isTrue();

            assertThatThrownBy(() -> storage.writeBlock(1, 0, ByteBuffer.wrap(data, PIECE, PIECE)))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.DISK_FULL))
                    .hasMessage("disk full writing " + out.resolve("x.bin") + ": No space left on device");
            assertThat(FilePieceStorageTest.verify(storage, 1)).isFalse(); // only 1000 bytes of it made it
            assertThat(storage.completed().has(1)).isFalse();
            assertThat(storage.completed().cardinality()).isEqualTo(1);
        }
    }

    @Test
    void symbolicLinkLeadingOutsideRefusedBeforeAnyWrite() throws Exception {
        Path outside = Files.createDirectory(root.resolve("outside"));
        Path out = Files.createDirectory(root.resolve("out"));
        Files.createSymbolicLink(out.resolve("album"), outside);
        Content[] files = {new Content("empty", new byte[0]), new Content("a.bin", randomBytes(100, 2))};
        Metainfo metainfo = TestTorrents.multiFile("album", PIECE, files);

        assertThatThrownBy(() -> FilePieceStorage.open(metainfo, out, verifier))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.UNSAFE_PATH))
                .hasMessage("refusing " + out.resolve("album/empty") + ": " + out.resolve("album")
                        + " leads outside " + out + " (to " + outside.toRealPath() + ")");
        assertThat(outside).isEmptyDirectory(); // not even the empty file
    }

    @Test
    void singleFileThatIsALinkOutsideRefused() throws Exception {
        Path secret = Files.writeString(root.resolve("secret"), "keep");
        Path out = Files.createDirectory(root.resolve("out"));
        Files.createSymbolicLink(out.resolve("x.bin"), secret);
        Metainfo metainfo = TestTorrents.singleFile("x.bin", randomBytes(10, 3), PIECE);

        assertThatThrownBy(() -> FilePieceStorage.open(metainfo, out, verifier))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("refusing " + out.resolve("x.bin") + ": " + out.resolve("x.bin") + " leads outside");
        assertThat(secret).hasContent("keep");
    }

    @Test
    void linkInsideTheDirectoryIsFine() throws Exception {
        Path out = Files.createDirectory(root.resolve("out"));
        Path real = Files.createDirectory(out.resolve("real-album"));
        Files.createSymbolicLink(out.resolve("album"), real);
        byte[] data = randomBytes(100, 4);
        Metainfo metainfo = TestTorrents.multiFile("album", PIECE, new Content("a.bin", data));
        try (FilePieceStorage storage = FilePieceStorage.open(metainfo, out, verifier)) {
            storage.writeBlock(0, 0, ByteBuffer.wrap(data));
            assertThat(FilePieceStorageTest.verify(storage, 0)).isTrue();
        }
        assertThat(real.resolve("a.bin")).hasBinaryContent(data);
    }

    @Test
    void directoryWhereAFileGoesRefused() throws Exception {
        Path out = Files.createDirectory(root.resolve("out"));
        Files.createDirectories(out.resolve("x.bin"));
        Metainfo metainfo = TestTorrents.singleFile("x.bin", randomBytes(10, 5), PIECE);
        assertThatThrownBy(() -> FilePieceStorage.open(metainfo, out, verifier))
                .isInstanceOf(StorageException.class)
                .hasMessage("cannot store " + out.resolve("x.bin") + ": a directory is in the way");
    }

    @Test
    void closedStorageRefusesWrites() {
        byte[] data = randomBytes(10, 6);
        FilePieceStorage storage = FilePieceStorage.open(TestTorrents.singleFile("x", data, PIECE), root, verifier);
        storage.close();
        assertThatThrownBy(() -> storage.writeBlock(0, 0, ByteBuffer.wrap(data)))
                .isInstanceOf(StorageException.class)
                .hasMessage("I/O error writing " + root.resolve("x") + ": storage is closed");
    }
}
