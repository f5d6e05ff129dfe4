package dev.switchboard.mqtt.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the space of dead chunks back at start: a store file that is mostly dead space (MVStore's
 * own compaction is off, see {@link StoreFile}) is rewritten by copying every entry, in key order,
 * into a fresh file that then replaces it in one rename. Only plain writes are used, never
 * MVStore's chunk moves; the old file stays in place, whole, until the fresh one is synced, so a
 * crash at any moment leaves one or the other.
 */
final class StoreRewrite {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRewrite.class);
    /** Files smaller than this are never rewritten. */
    static final long MIN_FILE_BYTES = 64L << 20;
    /** Rewritten when the live data is less than this share (percent) of the file. */
    static final int MAX_LIVE_PERCENT = 40;

    private StoreRewrite() {
    }

    /** The live data estimated from MVStore's fill rates, in bytes. */
    static long liveBytes(MVStore store, long fileBytes) {
        return fileBytes * store.getFillRate() / 100 * store.getFileStore().getChunksFillRate() / 100;
    }

    /** Whether an open, verified file is worth rewriting. */
    static boolean worthIt(MVStore store, long fileBytes) {
        return fileBytes >= MIN_FILE_BYTES && liveBytes(store, fileBytes) * 100 < fileBytes * MAX_LIVE_PERCENT;
    }

    /**
     * Copies every entry of the (closed, verified) file {@code path} into a fresh file and puts it in
     * its place.
     *
     * @throws StoreException when the copy or the rename fails (the old file is then untouched)
     */
    static void rewrite(Path path, int cacheSizeMiB) {
        Path fresh = path.resolveSibling(path.getFileName() + ".rewriting");
        long started = System.nanoTime();
        try {
            long before = Files.size(path);
            Files.deleteIfExists(fresh);
            MVStore target = StoreFile.builder(fresh, cacheSizeMiB).open();
            try {
                StoreFile.checkFormatVersion(fresh, target, false);
                MVStore source = StoreFile.openMVStore(path, cacheSizeMiB, false);
                try {
                    EntryWalk.walk(source, new Copy(path, target), false);
                } finally {
                    source.close();
                }
                target.commit();
                target.sync();
            } finally {
                target.close();
            }
            Files.move(fresh, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
                dir.force(true); // the rename itself reaches the disk
            }
            LOG.info("store {} rewritten to give dead space back: {} MiB -> {} MiB in {} ms", path, before >> 20,
                    Files.size(path) >> 20, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(fresh);
            } catch (IOException ignored) {
                // the next rewrite deletes it first
            }
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot rewrite store file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Copies each entry; the source was verified just before, so any damage now aborts the copy. */
    private record Copy(Path path, MVStore target) implements EntryWalk.Sink {
        @Override
        public void good(String map, String key, byte[] value) {
            target.openMap(map, StoreLayout.dataMap()).put(key, value);
        }

        @Override
        public void bad(String map, String key, String reason) {
            throw new StoreCorruptedException(path, "map " + map + ", key '" + StoreFile.printable(key) + "': "
                    + reason, null);
        }

        @Override
        public void unreadable(String map, long readSoFar, String reason) {
            throw new StoreCorruptedException(path, "map " + map + " unreadable after " + readSoFar + " entries: "
                    + reason, null);
        }
    }
}
