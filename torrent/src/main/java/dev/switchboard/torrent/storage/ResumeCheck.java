package dev.switchboard.torrent.storage;

import dev.switchboard.torrent.Bitfield;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds the pieces already on disk when a download starts again (or before seeding): every piece whose
 * bytes are all there is hashed on the storage's {@link PieceVerifier}, and the good ones are marked
 * complete. A missing or short file is not an error, just missing pieces, found from the file sizes
 * without reading. At most two pieces per verifier thread are in flight, so the verifier's queue stays
 * free for the rest of the process.
 */
public final class ResumeCheck {
    private final FilePieceStorage storage;
    private final Progress progress;
    private final long[] sizes;
    private final int window;
    private final CompletableFuture<Bitfield> result = new CompletableFuture<>();
    private int next; // guarded by this
    private int inFlight; // guarded by this
    private int checked; // guarded by this
    private int good; // guarded by this

    /** Hears how far the check has come. */
    @FunctionalInterface
    public interface Progress {
        /** Ignores all progress. */
        Progress NONE = (checkedPieces, pieceCount, goodPieces) -> { };

        /**
         * Reports that {@code checkedPieces} of {@code pieceCount} are checked and {@code goodPieces} of
         * them good. Called one at a time, counts never decreasing, last with {@code checkedPieces ==
         * pieceCount}; keep it quick.
         */
        void update(int checkedPieces, int pieceCount, int goodPieces);
    }

    private ResumeCheck(FilePieceStorage storage, Progress progress, long[] sizes) {
        this.storage = storage;
        this.progress = progress;
        this.sizes = sizes;
        this.window = 2 * storage.verifier().threads();
    }

    /**
     * Checks the data of {@code storage} and completes with its complete pieces. Reads the file sizes on
     * the calling thread (one {@code stat} per file), then hashes on the verifier. Completes exceptionally
     * with {@link StorageException} if a file cannot be read.
     */
    public static CompletionStage<Bitfield> run(FilePieceStorage storage, Progress progress) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(progress, "progress");
        FileLayout layout = storage.layout();
        long[] sizes = new long[layout.fileCount()];
        for (int file = 0; file < sizes.length; file++) {
            sizes[file] = layout.isPadding(file) ? Long.MAX_VALUE : sizeOf(layout, file);
        }
        ResumeCheck check = new ResumeCheck(storage, progress, sizes);
        check.pump();
        return check.result;
    }

    private static long sizeOf(FileLayout layout, int file) {
        try {
            return Files.size(layout.path(file));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw StorageException.reading(layout.path(file), e);
        }
    }

    private void pump() {
        List<Integer> launch = new ArrayList<>();
        synchronized (this) {
            int count = storage.pieceCount();
            while (inFlight < window && next < count && !result.isDone()) {
                int piece = next++;
                if (storage.isComplete(piece)) {
                    counted(true);
                } else if (!present(piece)) {
                    counted(false);
                } else {
                    inFlight++;
                    launch.add(piece);
                }
            }
            if (checked == count) {
                result.complete(storage.completed());
            }
        }
        for (int piece : launch) {
            storage.verify(piece).whenComplete((matches, failure) -> done(matches, failure));
        }
    }

    private void done(Boolean matches, Throwable failure) {
        synchronized (this) {
            inFlight--;
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            counted(matches);
        }
        pump();
    }

    private void counted(boolean isGood) {
        checked++;
        if (isGood) {
            good++;
        }
        progress.update(checked, storage.pieceCount(), good);
    }

    private boolean present(int piece) {
        FileLayout layout = storage.layout();
        return layout.forEachSegment(piece, 0, layout.pieceSize(piece),
                (file, position, length, done) -> sizes[file] >= position + length);
    }
}
