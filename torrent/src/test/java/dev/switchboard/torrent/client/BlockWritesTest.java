package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.torrent.Bitfield;
import dev.switchboard.torrent.storage.PieceStorage;
import dev.switchboard.torrent.storage.StorageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Blocks queued for the disk: written in order in batches, counted while they wait, released always. */
class BlockWritesTest {
    private final RecordingStorage storage = new RecordingStorage();
    private final List<Runnable> disk = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private boolean diskRefuses;
    private int busy;

    private final BlockWrites writes = new BlockWrites(storage, task -> {
        if (diskRefuses) {
            throw new RejectedExecutionException("full");
        }
        disk.add(task);
    }, Runnable::run, new BlockWrites.Listener() {
        @Override
        public void written(int[] pieces, int count, RuntimeException failure) {
            StringBuilder report = new StringBuilder();
            for (int i = 0; i < count; i++) {
                report.append(pieces[i]).append(' ');
            }
            reports.add(report.toString().trim() + (failure == null ? "" : " failed: " + failure.getMessage()));
        }

        @Override
        public void diskBusy() {
            busy++;
        }
    });

    @Test
    void oneDrainAtATimeWritesEveryQueuedBlockInOrderAndReportsThemTogether() {
        List<ByteBuf> blocks = List.of(block(3), block(3), block(5));
        writes.write(1, 0, blocks.get(0));
        writes.write(1, 3, blocks.get(1));
        writes.write(2, 0, blocks.get(2));
        assertThat(disk).as("one drain task for all three").hasSize(1);
        assertThat(writes.queuedBytes()).isEqualTo(11);

        runDisk();
        assertThat(storage.writes).containsExactly("1@0+3", "1@3+3", "2@0+5");
        assertThat(reports).containsExactly("1 1 2");
        assertThat(writes.queuedBytes()).isZero();
        assertThat(blocks).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void moreThanABatchIsReportedInBatches() {
        for (int i = 0; i < BlockWrites.BATCH + 1; i++) {
            writes.write(i, 0, block(1));
        }
        runDisk();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(1)).isEqualTo(String.valueOf(BlockWrites.BATCH));
    }

    @Test
    void aFailedWriteIsReportedAndTheRestOfTheBatchIsReleasedUnwritten() {
        storage.failAt = 1;
        List<ByteBuf> blocks = List.of(block(2), block(2), block(2));
        for (int i = 0; i < blocks.size(); i++) {
            writes.write(0, i * 2, blocks.get(i));
        }
        runDisk();
        assertThat(storage.writes).containsExactly("0@0+2");
        assertThat(reports).containsExactly("0 0 0 failed: disk full");
        assertThat(blocks).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void aRefusedDrainIsRetriedWithTheBlocksStillQueued() {
        diskRefuses = true;
        ByteBuf block = block(4);
        writes.write(0, 0, block);
        assertThat(busy).isEqualTo(1);
        assertThat(writes.queuedBytes()).isEqualTo(4);

        diskRefuses = false;
        writes.retry();
        runDisk();
        assertThat(storage.writes).containsExactly("0@0+4");
        assertThat(block.refCnt()).isZero();
    }

    @Test
    void closeReleasesWhatWaitsAndEverythingLater() {
        ByteBuf queued = block(4);
        writes.write(0, 0, queued);
        writes.close();
        ByteBuf late = block(4);
        writes.write(0, 4, late);
        runDisk();
        assertThat(storage.writes).isEmpty();
        assertThat(writes.queuedBytes()).isZero();
        assertThat(queued.refCnt()).isZero();
        assertThat(late.refCnt()).isZero();
    }

    private void runDisk() {
        while (!disk.isEmpty()) {
            disk.remove(0).run();
        }
    }

    private static ByteBuf block(int length) {
        return Unpooled.buffer(length).writeZero(length);
    }

    /** Records writes as piece@offset+length; fails the write numbered {@code failAt}. */
    private static final class RecordingStorage implements PieceStorage {
        final List<String> writes = new ArrayList<>();
        int failAt = -1;
        int attempts;

        @Override
        public boolean writeBlock(int piece, int offset, ByteBuffer data) {
            if (attempts++ == failAt) {
                throw new StorageException(StorageException.Reason.IO_ERROR, "disk full");
            }
            writes.add(piece + "@" + offset + "+" + data.remaining());
            data.position(data.limit());
            return true;
        }

        @Override
        public int pieceCount() {
            return 100;
        }

        @Override
        public int pieceSize(int piece) {
            return 16384;
        }

        @Override
        public ByteBuf readBlock(int piece, int offset, int length, ByteBufAllocator allocator) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<FileRegion> readRegion(int piece, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Boolean> verify(int piece) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markComplete(int piece) {
        }

        @Override
        public boolean isComplete(int piece) {
            return false;
        }

        @Override
        public Bitfield completed() {
            return new Bitfield(100);
        }

        @Override
        public void close() {
        }
    }
}
