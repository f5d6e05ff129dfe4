package dev.switchboard.mqtt.store;

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

    static void walk(MVStore store, Sink sink) {
        for (StoreLayout.DataMap data : StoreLayout.DATA_MAPS) {
            if (!store.hasMap(data.name())) {
                continue;
            }
            long read = 0;
            try {
                MVMap<String, byte[]> map = store.openMap(data.name(), StoreLayout.dataMap());
                Cursor<String, byte[]> cursor = map.cursor(null);
                while (cursor.hasNext()) {
                    String key = cursor.next();
                    byte[] value = cursor.getValue();
                    read++;
                    try {
                        data.check().accept(key, value);
                        sink.good(data.name(), key, value);
                    } catch (CorruptValueException | IllegalArgumentException e) {
                        sink.bad(data.name(), key, e.getMessage());
                    }
                }
            } catch (RuntimeException e) {
                if (e instanceof StoreException) {
                    throw e;
                }
                sink.unreadable(data.name(), read, String.valueOf(e.getMessage()));
            }
        }
    }
}
