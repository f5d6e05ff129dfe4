package dev.switchboard.mqtt.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's H2 MVStore file and its lifecycle: opens {@code <data-dir>/broker.mv.db} (creating
 * the directory), writes or checks the format version, reads every entry once to refuse a damaged
 * file, commits as the {@link Durability} setting says, and closes cleanly.
 *
 * <p>Only this class syncs ({@code FileChannel.force}): MVStore's {@code commit()} writes a chunk
 * but never forces it. MVStore's own background writer stays on: it writes unsaved changes about
 * once a second and whenever they pass {@link #WRITE_BUFFER_KIB}, without syncing, and it reuses
 * the space of chunks with nothing live left; its compaction is off (see {@link #openMVStore}). Turning it off kept the heap bounded but let the file grow to
 * 4 GiB for 130 MB of queued messages, as nothing reclaimed old chunks. It only ever makes data
 * reach the disk sooner; what each setting promises rests on the syncs made here.
 */
public final class StoreFile implements AutoCloseable {
    /** Unsaved changes past this are written out by MVStore itself, keeping the heap bounded. */
    static final int WRITE_BUFFER_KIB = 4096;
    /**
     * How long dead chunks are kept before their space is reused (MVStore's default is 45 s, which
     * let a burst of queued messages grow the file to 30 times their size).
     */
    static final int RETENTION_MILLIS = 5_000;
    /** MVStore's block: chunks start and end on these boundaries. */
    static final int BLOCK_SIZE = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private final Path path;
    private final MVStore store;
    private final Commits commits;
    /** Changes made through the stores so far; see {@link #changed()}. */
    private final AtomicLong changes = new AtomicLong();

    private StoreFile(Path path, MVStore store, StoreConfig config) {
        this.path = path;
        this.store = store;
        this.commits = switch (config.durability()) {
            case ALWAYS -> new GroupCommit(this::commitAndSync, changes::get, "mqtt-store-commit");
            case PERIODIC -> new PeriodicCommit(this::commitAndSync, config.commitInterval(), "mqtt-store-commit");
            case NEVER -> Commits.immediate();
        };
    }

    /**
     * Opens the store file of {@code config}.
     *
     * @throws StoreCorruptedException when the file is damaged or truncated
     * @throws StoreVersionException when it was written in another format version
     * @throws StoreException when it cannot be opened for another reason (in use, no permission)
     */
    public static StoreFile open(StoreConfig config) {
        Path path = config.file();
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        boolean existed = Files.exists(path);
        if (existed) {
            checkLength(path);
        }
        MVStore store = openMVStore(path, config.cacheSizeMiB(), false);
        try {
            checkNewestCommit(path, store);
            checkFormatVersion(path, store, existed);
            EntryWalk.walk(store, new RefuseDamage(path), true);
            checkCountsAtClose(path, store);
        } catch (StoreException e) {
            store.closeImmediately();
            throw e;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new StoreCorruptedException(path, String.valueOf(e.getMessage()), e);
        }
        store = rewriteIfMostlyDead(path, store, config.cacheSizeMiB());
        store.setRetentionTime(RETENTION_MILLIS);
        LOG.info("store {} open: {} sessions, {} queued messages, {} retained", path,
                StoreLayout.size(store.openMap(StoreLayout.SESSIONS, StoreLayout.dataMap())),
                StoreLayout.size(store.openMap(StoreLayout.QUEUES, StoreLayout.dataMap())),
                StoreLayout.size(store.openMap(StoreLayout.RETAINED, StoreLayout.dataMap())));
        return new StoreFile(path, store, config);
    }

    /**
     * A verified file that is mostly dead space is rewritten ({@link StoreRewrite}) and opened again;
     * when that fails the broker goes on with the file as it is.
     */
    private static MVStore rewriteIfMostlyDead(Path path, MVStore store, int cacheSizeMiB) {
        long bytes;
        try {
            bytes = Files.size(path);
        } catch (IOException e) {
            return store;
        }
        if (!StoreRewrite.worthIt(store, bytes)) {
            return store;
        }
        LOG.info("store {}: {} MiB file, about {} MiB of it live: rewriting", path, bytes >> 20,
                StoreRewrite.liveBytes(store, bytes) >> 20);
        store.close();
        try {
            StoreRewrite.rewrite(path, cacheSizeMiB);
        } catch (StoreException e) {
            LOG.warn("store {} not rewritten, going on with it as it is: {}", path, e.getMessage());
        }
        MVStore reopened = openMVStore(path, cacheSizeMiB, false);
        try {
            checkNewestCommit(path, reopened);
            checkFormatVersion(path, reopened, true);
        } catch (RuntimeException e) {
            reopened.closeImmediately();
            throw e;
        }
        return reopened;
    }

    /**
     * MVStore's automatic compaction (rewriting half-dead chunks, moving chunks in the file) is off:
     * with it on, a store of a million queued messages was found damaged ("Chunk ... not found" in
     * the queues map) after its second or third clean restart, with h2-mvstore 2.3.232 and 2.4.240
     * alike; with it off, five restarts in a row read back whole. Dead space is given back instead
     * by MVStore dropping chunks that hold nothing live, and by {@link StoreRewrite} at start.
     */
    static MVStore openMVStore(Path path, int cacheSizeMiB, boolean readOnlyRecovery) {
        MVStore.Builder builder = builder(path, cacheSizeMiB);
        if (readOnlyRecovery) {
            builder.readOnly().recoveryMode();
        }
        try {
            return builder.open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreException("store file " + path + " is in use by another broker: " + e.getMessage(), e);
            }
            throw new StoreCorruptedException(path, e.getMessage(), e);
        } catch (RuntimeException | AssertionError | OutOfMemoryError e) {
            // damaged metadata can trip MVStore's assertions (when on) or ask for an impossible array
            throw new StoreCorruptedException(path, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * MVStore writes whole 4096-byte blocks, so a file of another length was cut short (or a crash
     * interrupted a write, which only loses the commit being written: nothing acknowledged).
     */
    private static void checkLength(Path path) {
        long length;
        try {
            length = Files.size(path);
        } catch (IOException e) {
            throw new StoreException("cannot read store file " + path + ": " + e.getMessage(), e);
        }
        if (length == 0 || length % BLOCK_SIZE != 0) {
            throw new StoreCorruptedException(path, "truncated: " + length + " bytes is not a whole number of "
                    + BLOCK_SIZE + "-byte blocks", null);
        }
    }

    /**
     * MVStore opens the newest commit it can read and silently falls back to older ones. A file
     * closed cleanly names its last commit in the header: opening an older one means damage.
     */
    private static void checkNewestCommit(Path path, MVStore store) {
        Map<String, Object> header = store.getStoreHeader();
        Object clean = header.get("clean");
        Object version = header.get("version");
        if (clean == null || version == null) {
            return; // not closed cleanly: the newest readable commit is what a crash leaves
        }
        long last;
        try {
            last = version instanceof Number n ? n.longValue() : Long.parseLong(version.toString(), 16);
        } catch (NumberFormatException e) {
            throw new StoreCorruptedException(path, "unreadable header version '" + version + "'", null);
        }
        if (store.getCurrentVersion() < last) {
            throw new StoreCorruptedException(path, "the last commit (version " + last
                    + ") is unreadable, only version " + store.getCurrentVersion() + " could be opened", null);
        }
    }

    /**
     * Writes the version into a new file (and creates every map) and checks it in an old one:
     * missing in a file that has maps means damage, another number another format, a missing map
     * damage.
     */
    static void checkFormatVersion(Path path, MVStore store, boolean existed) {
        MVMap<String, String> meta = store.openMap(StoreLayout.META, StoreLayout.metaMap());
        String version = meta.get(StoreLayout.FORMAT_VERSION_KEY);
        if (version == null) {
            boolean hasData = store.getMapNames().stream().anyMatch(n -> !n.equals(StoreLayout.META));
            if (existed && hasData) {
                throw new StoreCorruptedException(path, "no format version", null);
            }
            meta.put(StoreLayout.FORMAT_VERSION_KEY, Integer.toString(StoreLayout.FORMAT_VERSION));
            StoreLayout.DATA_MAPS.forEach(m -> store.openMap(m.name(), StoreLayout.dataMap())
                    .put(StoreLayout.SENTINEL, new byte[0]));
            store.commit();
            store.sync();
            return;
        }
        if (!version.equals(Integer.toString(StoreLayout.FORMAT_VERSION))) {
            if (version.matches("[0-9]{1,9}")) {
                throw new StoreVersionException(path, version, StoreLayout.FORMAT_VERSION);
            }
            throw new StoreCorruptedException(path, "unreadable format version '" + version + "'", null);
        }
        for (StoreLayout.DataMap m : StoreLayout.DATA_MAPS) {
            if (!store.hasMap(m.name())) {
                throw new StoreCorruptedException(path, "map " + m.name() + " is missing", null);
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The durability barrier of this file's {@link Durability} setting. */
    public Commits commits() {
        return commits;
    }

    /**
     * Counts a change a store has just made to one of its maps (after the change, never before), so
     * that a commit knows which changes it covers and a caller with nothing unsynced behind it does
     * not wait for one. Every write to a data map is followed by this call.
     */
    void changed() {
        changes.incrementAndGet();
    }

    /** Changes counted so far. */
    long changes() {
        return changes.get();
    }

    /** {@link #changed()}, passing {@code result} through. */
    boolean changed(boolean result) {
        changed();
        return result;
    }

    /** A data map; every write to it is followed by {@link #changed()}. */
    MVMap<String, byte[]> map(String name) {
        return store.openMap(name, StoreLayout.dataMap());
    }

    /** The settings of every store file the broker opens or writes (the data file, a rewrite, a recovery). */
    static MVStore.Builder builder(Path path, int cacheSizeMiB) {
        return new MVStore.Builder().fileName(path.toString()).cacheSize(cacheSizeMiB)
                .autoCommitBufferSize(WRITE_BUFFER_KIB).autoCompactFillRate(0);
    }

    /** Writes a new chunk with every change so far, then forces the file to disk. */
    void commitAndSync() {
        store.commit();
        store.sync();
    }

    /** True while changes wait for a commit (for tests and metrics). */
    boolean hasUnsavedChanges() {
        return store.hasUnsavedChanges();
    }

    /** Stops committing, then commits, syncs and closes the file. */
    @Override
    public void close() {
        commits.close();
        if (!store.isClosed()) {
            MVMap<String, String> meta = store.openMap(StoreLayout.META, StoreLayout.metaMap());
            for (StoreLayout.DataMap m : StoreLayout.DATA_MAPS) {
                meta.put(StoreLayout.COUNT_PREFIX + m.name(), Long.toString(StoreLayout.size(map(m.name()))));
            }
            store.close();
        }
    }

    /**
     * A file closed cleanly holds the entry count of each data map at that close (MVStore has no
     * checksum over its own metadata, so a damaged page pointer can show an older, whole-looking
     * state); they must match what the walk found. The counts are removed once checked, so a file
     * that was opened and then crashed has none and is not held to stale ones.
     */
    private static void checkCountsAtClose(Path path, MVStore store) {
        MVMap<String, String> meta = store.openMap(StoreLayout.META, StoreLayout.metaMap());
        for (StoreLayout.DataMap m : StoreLayout.DATA_MAPS) {
            String key = StoreLayout.COUNT_PREFIX + m.name();
            String counted = meta.get(key);
            if (counted == null) {
                continue;
            }
            long now = StoreLayout.size(store.openMap(m.name(), StoreLayout.dataMap()));
            if (!counted.equals(Long.toString(now))) {
                throw new StoreCorruptedException(path, "map " + m.name() + " holds " + now
                        + " entries, " + printable(counted) + " when the file was closed", null);
            }
            meta.remove(key);
        }
    }

    /** The open-time check: the first damaged entry refuses the whole file. */
    private record RefuseDamage(Path path) implements EntryWalk.Sink {
        @Override
        public void good(String map, String key, byte[] value) {
        }

        @Override
        public void bad(String map, String key, String reason) {
            throw new StoreCorruptedException(path, "map " + map + ", key '" + printable(key) + "': " + reason, null);
        }

        @Override
        public void unreadable(String map, long readSoFar, String reason) {
            throw new StoreCorruptedException(path, "map " + map + " unreadable after " + readSoFar + " entries: "
                    + reason, null);
        }
    }

    static String printable(String key) {
        return key.replace('\u0000', '/');
    }
}
