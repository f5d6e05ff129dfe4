package dev.switchboard.mqtt.store;

import java.util.List;
import java.util.function.BiConsumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The maps of the store file, each {@code String -> byte[]}, and how one entry of each is checked.
 * Keys: {@code sessions} and {@code retained} by client id and topic; the others by
 * {@link ClientKey}: {@code subscriptions} client id + filter, {@code queues} client id + sequence
 * (16 hex digits), {@code inflight.outgoing} and {@code inflight.awaiting} client id + packet id
 * (4 hex digits). Values: {@link MessageFormat} and {@link SessionFormat}. The {@code meta} map
 * ({@code String -> String}) holds {@code format.version}.
 */
final class StoreLayout {
    /** The file's name under the data directory. */
    static final String FILE_NAME = "broker.mv.db";
    /** Version of the whole layout: the map names, the keys, the value layouts. */
    static final int FORMAT_VERSION = 1;
    static final String META = "meta";
    static final String FORMAT_VERSION_KEY = "format.version";
    /** {@code meta} key prefix of a data map's entry count, written at a clean close, removed on open. */
    static final String COUNT_PREFIX = "count.";
    static final String SESSIONS = "sessions";
    static final String SUBSCRIPTIONS = "subscriptions";
    static final String QUEUES = "queues";
    static final String OUTGOING = "inflight.outgoing";
    static final String AWAITING = "inflight.awaiting";
    static final String RETAINED = "retained";
    static final int SEQUENCE_DIGITS = 16;
    static final int PACKET_ID_DIGITS = 4;

    /** One data map and the check of one of its entries (throws {@link CorruptValueException}). */
    record DataMap(String name, BiConsumer<String, byte[]> check) {
    }

    static final List<DataMap> DATA_MAPS = List.of(
            new DataMap(SESSIONS, SessionFormat::readSession),
            new DataMap(SUBSCRIPTIONS, SessionFormat::readSubscription),
            new DataMap(QUEUES, MessageFormat::readQueued),
            new DataMap(OUTGOING, MessageFormat::readInflight),
            new DataMap(AWAITING, SessionFormat::readAwaiting),
            new DataMap(RETAINED, MessageFormat::readRetained));

    private StoreLayout() {
    }

    /**
     * Written into every data map when the file is created; a map without it has lost its pages
     * (MVStore has no checksum over a map's root pointer, so a damaged one reads as an empty map).
     * A lone surrogate is never in an MQTT string (MQTT-1.5.4-1), so no client id or topic is this.
     */
    static final String SENTINEL = "\uD800";

    /** Entries of a data map, without its sentinel. */
    static long size(MVMap<String, byte[]> map) {
        return map.sizeAsLong() - (map.containsKey(SENTINEL) ? 1 : 0);
    }

    /** Each entry of a data map in key order, without its sentinel. */
    static void forEach(MVMap<String, byte[]> map, BiConsumer<String, byte[]> action) {
        Cursor<String, byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.equals(SENTINEL)) {
                action.accept(key, cursor.getValue());
            }
        }
    }

    /** Every data map: String keys, byte[] values. */
    static MVMap.Builder<String, byte[]> dataMap() {
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE);
    }

    static MVMap.Builder<String, String> metaMap() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE);
    }

    static String sequenceKey(String clientId, long sequence) {
        return ClientKey.of(clientId, ClientKey.hex(sequence, SEQUENCE_DIGITS));
    }

    static String packetIdKey(String clientId, int packetId) {
        return ClientKey.of(clientId, ClientKey.hex(PacketIds.check(packetId), PACKET_ID_DIGITS));
    }

    static long sequence(String key) {
        return ClientKey.parseHex(ClientKey.suffix(key), SEQUENCE_DIGITS);
    }

    static int packetId(String key) {
        long id = ClientKey.parseHex(ClientKey.suffix(key), PACKET_ID_DIGITS);
        if (id < 1 || id > 0xFFFF) {
            throw new CorruptValueException("packet id " + id + " in key");
        }
        return (int) id;
    }
}
