package dev.switchboard.torrent.storage;

import static dev.switchboard.torrent.storage.TestTorrents.PIECE;
import static dev.switchboard.torrent.storage.TestTorrents.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.Bitfield;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.storage.TestTorrents.Content;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pieces written to, checked in and read back from single and multi-file layouts. */
class FilePieceStorageTest {
    private static final int BLOCK = 4 * 1024;

    @TempDir
    Path out;

    private final PieceVerifier verifier = new PieceVerifier(2, 64);

    @AfterEach
    void closeVerifier() {
        verifier.close();
    }

    @Test
    void singleFileWrittenInAnyOrderVerifiesAndReadsBack() throws Exception {
        byte[] data = randomBytes(3 * PIECE + 5000, 1);
        Metainfo metainfo = TestTorrents.singleFile("movie.bin", data, PIECE);
        try (FilePieceStorage storage = FilePieceStorage.open(metainfo, out, verifier)) {
            writeBlocksShuffled(storage, data, new Random(2));
            verifyAll(storage);
            assertThat(storage.completed().isComplete()).isTrue();
            assertThat(Files.readAllBytes(out.resolve("movie.bin"))).isEqualTo(data);
            assertThat(readAll(storage)).isEqualTo(data);
        }
    }

    @Test
    void multiFilePiecesSpanThreeFilesAndEmptyFilesAreCreated() throws Exception {
        Content[] files = {
            new Content("a.bin", randomBytes(10_000, 3)),
            new Content("empty-1", new byte[0]),
            new Content("b.bin", randomBytes(3_000, 4)),   // piece 0 = a + b + start of c
            new Content("sub/c.bin", randomBytes(5_000, 5)),
            new Content("sub/deeper/d.bin", randomBytes(2 * PIECE, 6)),
            new Content("sub/deeper/empty-2", new byte[0]),
        };
        byte[] stream = TestTorrents.concat(files);
        Metainfo metainfo = TestTorrents.multiFile("album", PIECE, files);
        try (FilePieceStorage storage = FilePieceStorage.open(metainfo, out, verifier)) {
            assertThat(out.resolve("album/empty-1")).isEmptyFile();
            assertThat(out.resolve("album/sub/deeper/empty-2")).isEmptyFile();
            assertThat(out.resolve("album/a.bin")).doesNotExist(); // created on first write only
            writeBlocksShuffled(storage, stream, new Random(7));
            verifyAll(storage);
            for (Content file : files) {
                assertThat(Files.readAllBytes(out.resolve("album").resolve(file.path()))).as(file.path())
                        .isEqualTo(file.data());
            }
            assertThat(readAll(storage)).isEqualTo(stream);
        }
    }

    @Test
    void regionOnlyForBlocksInsideOneFile() throws Exception {
        Content[] files = {new Content("a", randomBytes(10_000, 8)), new Content("b", randomBytes(30_000, 9))};
        byte[] stream = TestTorrents.concat(files);
        try (FilePieceStorage storage = FilePieceStorage.open(TestTorrents.multiFile("t", PIECE, files), out, verifier)) {
            writeBlocksShuffled(storage, stream, new Random(1));
            verifyAll(storage);
            FileRegion region = storage.readRegion(0, 1_000, 5_000).orElseThrow();
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try {
                region.transferTo(Channels.newChannel(sink), 0);
            } finally {
                region.release();
            }
            assertThat(sink.toByteArray()).isEqualTo(Arrays.copyOfRange(stream, 1_000, 6_000));
            assertThat(storage.readRegion(0, 8_000, 4_000)).isEmpty(); // 8000..12000 crosses a -> b
        }
    }

    @Test
    void badDataFailsVerificationAndStaysIncompleteUntilRewritten() throws Exception {
        byte[] data = randomBytes(2 * PIECE, 10);
        try (FilePieceStorage storage = FilePieceStorage.open(TestTorrents.singleFile("x", data, PIECE), out, verifier)) {
            byte[] corrupt = data.clone();
            corrupt[PIECE + 100] ^= 1;
            writeBlocksShuffled(storage, corrupt, new Random(3));
            assertThat(verify(storage, 0)).isTrue();
            assertThat(verify(storage, 1)).isFalse();
            assertThat(storage.completed().has(1)).isFalse();
            assertThatThrownBy(() -> storage.readBlock(1, 0, 16, ByteBufAllocator.DEFAULT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("piece 1 is not complete; only complete pieces are read");

            storage.writeBlock(1, 0, ByteBuffer.wrap(data, PIECE, PIECE));
            assertThat(verify(storage, 1)).isTrue();
            assertThat(storage.completed().isComplete()).isTrue();
        }
    }

    @Test
    void lateBlockForACompletePieceIsDropped() throws Exception {
        byte[] data = randomBytes(PIECE, 11);
        try (FilePieceStorage storage = FilePieceStorage.open(TestTorrents.singleFile("x", data, PIECE), out, verifier)) {
            assertThat(storage.writeBlock(0, 0, ByteBuffer.wrap(data))).isTrue();
            assertThat(verify(storage, 0)).isTrue();
            assertThat(storage.writeBlock(0, 0, ByteBuffer.wrap(new byte[BLOCK]))).isFalse();
            assertThat(Files.readAllBytes(out.resolve("x"))).isEqualTo(data);
        }
    }

    @Test
    void compositeByteBufWrittenWithoutMovingItsReaderIndex() throws Exception {
        byte[] data = randomBytes(PIECE, 12);
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        composite.addComponents(true, Unpooled.wrappedBuffer(data, 0, 100), Unpooled.wrappedBuffer(data, 100, PIECE - 100));
        try (FilePieceStorage storage = FilePieceStorage.open(TestTorrents.singleFile("x", data, PIECE), out, verifier)) {
            assertThat(storage.writeBlock(0, 0, composite)).isTrue();
            assertThat(composite.readerIndex()).isZero();
            assertThat(verify(storage, 0)).isTrue();
        } finally {
            composite.release();
        }
    }

    @Test
    void blocksOutsideTheirPieceRefused() throws Exception {
        byte[] data = randomBytes(PIECE + 10, 13);
        try (FilePieceStorage storage = FilePieceStorage.open(TestTorrents.singleFile("x", data, PIECE), out, verifier)) {
            assertThatThrownBy(() -> storage.writeBlock(1, 0, ByteBuffer.allocate(11)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("block at 0 of 11 bytes does not fit piece 1 of 10 bytes");
            assertThatThrownBy(() -> storage.writeBlock(2, 0, ByteBuffer.allocate(1)))
                    .hasMessage("no piece 2; the torrent has 2");
            assertThatThrownBy(() -> storage.writeBlock(0, -1, ByteBuffer.allocate(1)))
                    .hasMessage("block at -1 of 1 bytes does not fit piece 0 of 16384 bytes");
            storage.markComplete(0);
            assertThatThrownBy(() -> storage.readBlock(0, Integer.MAX_VALUE - 5, 10, ByteBufAllocator.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.resolve("x")).doesNotExist();
        }
    }

    @Test
    void tenGibibyteTorrentWritesSparseAndReadsWithoutWholeFileBuffers() throws Exception {
        long size = 10L * 1024 * 1024 * 1024;
        int pieceLength = 256 * 1024;
        int pieces = (int) (size / pieceLength);
        Metainfo metainfo = TestTorrents.hugeSingleFile("huge.bin", size, pieceLength);
        try (FilePieceStorage storage = FilePieceStorage.open(metainfo, out, verifier)) {
            assertThat(storage.pieceCount()).isEqualTo(40_960);
            byte[] block = randomBytes(16 * 1024, 14);
            storage.writeBlock(pieces - 1, pieceLength - block.length, ByteBuffer.wrap(block));
            assertThat(Files.size(out.resolve("huge.bin"))).isEqualTo(size);
            storage.markComplete(pieces - 1);
            ByteBuf back = storage.readBlock(pieces - 1, pieceLength - block.length, block.length, ByteBufAllocator.DEFAULT);
            try {
                assertThat(ByteBufUtil.getBytes(back)).isEqualTo(block);
            } finally {
                back.release();
            }
            assertThat(verify(storage, 0)).isFalse(); // a hole of zeros is not the piece
        }
    }

    static void writeBlocksShuffled(PieceStorage storage, byte[] stream, Random random) {
        List<int[]> blocks = new ArrayList<>();
        for (int piece = 0; piece < storage.pieceCount(); piece++) {
            for (int offset = 0; offset < storage.pieceSize(piece); offset += BLOCK) {
                blocks.add(new int[] {piece, offset, Math.min(BLOCK, storage.pieceSize(piece) - offset)});
            }
        }
        Collections.shuffle(blocks, random);
        for (int[] block : blocks) {
            ByteBuffer data = ByteBuffer.wrap(stream, block[0] * PIECE + block[1], block[2]);
            assertThat(storage.writeBlock(block[0], block[1], data)).isTrue();
            assertThat(data.hasRemaining()).isFalse();
        }
    }

    static void verifyAll(PieceStorage storage) throws Exception {
        for (int piece = 0; piece < storage.pieceCount(); piece++) {
            assertThat(verify(storage, piece)).as("piece %d", piece).isTrue();
        }
    }

    static boolean verify(PieceStorage storage, int piece) throws Exception {
        return storage.verify(piece).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static byte[] readAll(PieceStorage storage) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int piece = 0; piece < storage.pieceCount(); piece++) {
            for (int offset = 0; offset < storage.pieceSize(piece); offset += BLOCK) {
                ByteBuf block = storage.readBlock(piece, offset, Math.min(BLOCK, storage.pieceSize(piece) - offset),
                        ByteBufAllocator.DEFAULT);
                try {
                    all.writeBytes(ByteBufUtil.getBytes(block));
                } finally {
                    block.release();
                }
            }
        }
        return all.toByteArray();
    }
}
