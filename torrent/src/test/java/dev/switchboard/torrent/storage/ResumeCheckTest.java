package dev.switchboard.torrent.storage;

import static dev.switchboard.torrent.storage.TestTorrents.PIECE;
import static dev.switchboard.torrent.storage.TestTorrents.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.torrent.Bitfield;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.storage.TestTorrents.Content;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pieces already on disk found again: good, corrupt, short and missing files. */
class ResumeCheckTest {
    @TempDir
    Path out;

    private final PieceVerifier verifier = new PieceVerifier(2, 4);

    @AfterEach
    void closeVerifier() {
        verifier.close();
    }

    @Test
    void partialDataGivesExactlyTheGoodPieces() throws Exception {
        Content[] files = {
            new Content("a.bin", randomBytes(2 * PIECE, 1)),            // pieces 0, 1
            new Content("b.bin", randomBytes(PIECE + PIECE / 2, 2)),    // piece 2, half of 3
            new Content("c.bin", randomBytes(PIECE / 2 + 3 * PIECE, 3)), // rest of 3, 4, 5, 6
            new Content("d.bin", randomBytes(PIECE + 7, 4)),            // 7, and 8 (7 bytes)
        };
        Metainfo metainfo = TestTorrents.multiFile("t", PIECE, files);
        Path dir = Files.createDirectories(out.resolve("t"));
        Files.write(dir.resolve("a.bin"), files[0].data());                               // 0, 1 good
        byte[] b = files[1].data().clone();
        b[10] ^= 1;
        Files.write(dir.resolve("b.bin"), b);                                             // 2 corrupt
        Files.write(dir.resolve("c.bin"), Arrays.copyOf(files[2].data(), 2 * PIECE));    // 3, 4 good; 5, 6 short
        // d.bin missing: 7, 8 missing

        List<int[]> reports = new ArrayList<>();
        try (FilePieceStorage storage = FilePieceStorage.open(metainfo, out, verifier)) {
            Bitfield good = ResumeCheck.run(storage, (checked, count, goodPieces) ->
                            reports.add(new int[] {checked, count, goodPieces}))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(good.pieceCount()).isEqualTo(9);
            assertThat(good.toBitSet().stream().toArray()).containsExactly(0, 1, 3, 4);
            assertThat(storage.completed()).isEqualTo(good);
            assertThat(reports).hasSize(9);
            assertThat(reports.get(8)).containsExactly(9, 9, 4);
            assertThat(reports).extracting(r -> r[0]).isSorted();
            assertThat(dir.resolve("d.bin")).doesNotExist(); // the check writes nothing

            storage.writeBlock(2, 0, ByteBuffer.wrap(TestTorrents.concat(files), 2 * PIECE, PIECE));
            assertThat(FilePieceStorageTest.verify(storage, 2)).isTrue();
        }
    }

    @Test
    void emptyDirectoryHasNoPiecesAndHashesNothing() throws Exception {
        byte[] data = randomBytes(5 * PIECE, 5);
        try (FilePieceStorage storage = FilePieceStorage.open(TestTorrents.singleFile("x", data, PIECE), out, verifier)) {
            Bitfield good = ResumeCheck.run(storage, ResumeCheck.Progress.NONE).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(good.isEmpty()).isTrue();
            assertThat(good.pieceCount()).isEqualTo(5);
        }
    }

    @Test
    void completeDataIsAllGoodWithAWindowSmallerThanThePieces() throws Exception {
        byte[] data = randomBytes(40 * PIECE + 1, 6);
        Files.write(out.resolve("x"), data);
        try (FilePieceStorage storage = FilePieceStorage.open(TestTorrents.singleFile("x", data, PIECE), out, verifier)) {
            Bitfield good = ResumeCheck.run(storage, ResumeCheck.Progress.NONE).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(good.isComplete()).isTrue();
            assertThat(good.pieceCount()).isEqualTo(41);
        }
    }
}
