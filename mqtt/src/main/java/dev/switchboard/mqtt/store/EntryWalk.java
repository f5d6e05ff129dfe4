package dev.switchboard.mqtt.store;

import java.util.Arrays;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Reads every entry of every data map of a store and checks it: on open, to refuse a damaged file
 * before the broker trusts it; in recovery, to copy what can be read. A map whose pages cannot be
 * read ends its walk there.
 */
final class EntryWalk {
    /** What the walk found. */
    interface Sink {
        void good(String map, String key, byte[] value);

        void bad(String map, String key, String reason);

        /** The map could not be read past {@code readSoFar} entries. */
        void unreadable(String map, long readSoFar, String reason);
    }

    private EntryWalk() {
    }

    /**
     * Walks every data map. With {@code checkLookups} each key is also looked up: a damaged inner
     * page can route lookups and ranges past entries a full scan still finds.
     */
    static void walk(MVStore store, Sink sink, boolean checkLookups) {
        for (StoreLayout.DataMap data : StoreLayout.DATA_MAPS) {
            if (!store.hasMap(data.name())) {
                continue;
            }
            long read = 0;
            try {
                MVMap<String, byte[]> map = store.openMap(data.name(), StoreLayout.dataMap());
                if (!map.containsKey(StoreLayout.SENTINEL)) {
                    sink.unreadable(data.name(), 0, "its pages are lost (no sentinel)");
                    continue;
                }
                Cursor<String, byte[]> cursor = map.cursor(null);
                while (cursor.hasNext()) {
                    String key = cursor.next();
                    byte[] value = cursor.getValue();
                    if (key.equals(StoreLayout.SENTINEL)) {
                        continue;
                    }
                    read++;
                    try {
                        data.check().accept(key, value);
                        if (checkLookups && !Arrays.equals(map.get(key), value)) {
                            throw new CorruptValueException("not found by lookup (damaged index page)");
                        }
                        sink.good(data.name(), key, value);
                    } catch (CorruptValueException | IllegalArgumentException e) {
                        sink.bad(data.name(), key, e.getMessage());
                    }
                }
                if (checkLookups && read != StoreLayout.size(map)) {
                    sink.unreadable(data.name(), read, "the index counts " + StoreLayout.size(map) + " entries");
                }
            } catch (RuntimeException e) {
                if (e instanceof StoreException) {
                    throw e;
                }
                sink.unreadable(data.name(), read, String.valueOf(e.getMessage()));
            } catch (OutOfMemoryError | AssertionError e) {
                // MVStore checks no checksum over a page's content: a damaged length field in a
                // key makes it ask for one array larger than the heap (which fails at once, taking
                // nothing), a damaged child count trips its own assertions when they are on
                sink.unreadable(data.name(), read, "damaged page (" + e + ")");
            }
        }
    }
}
