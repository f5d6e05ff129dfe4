package dev.switchboard.mqtt.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Keys of the MVStore maps that hold many entries per client: {@code clientId U+0000 suffix}. MQTT
 * strings never contain U+0000 (MQTT-1.5.4-2), and it sorts below every other character, so one
 * client's keys are contiguous and ordered by suffix: the range {@link #first} (inclusive) to
 * {@link #end} (exclusive). Fixed-width hexadecimal suffixes keep numbers in numeric order.
 */
final class ClientKey {
    private ClientKey() {
    }

    static String of(String clientId, String suffix) {
        return checked(clientId) + '\u0000' + suffix;
    }

    /** {@code value} as {@code digits} lower-case hexadecimal digits. */
    static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        return "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }

    /** Sorts before every key of the client. */
    static String first(String clientId) {
        return checked(clientId) + '\u0000';
    }

    /** Sorts after every key of the client and before any other client's keys that follow. */
    static String end(String clientId) {
        return checked(clientId) + '\u0001';
    }

    static boolean belongsTo(String key, String clientId) {
        return key != null && key.length() > clientId.length() && key.startsWith(clientId)
                && key.charAt(clientId.length()) == '\u0000';
    }

    /** The keys of the client in {@code map}, in order. */
    static List<String> keysIn(MVMap<String, ?> map, String clientId) {
        List<String> keys = new ArrayList<>();
        forEachIn(map, clientId, (key, value) -> keys.add(key));
        return keys;
    }

    /** Each entry of the client in {@code map}, in key order. */
    static <V> void forEachIn(MVMap<String, V> map, String clientId, BiConsumer<String, V> action) {
        Cursor<String, V> cursor = map.cursor(first(clientId), end(clientId), false);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (belongsTo(key, clientId)) {
                action.accept(key, cursor.getValue());
            }
        }
    }

    static String clientId(String key) {
        int zero = key.indexOf('\u0000');
        if (zero < 0) {
            throw new CorruptValueException("key without a client id separator");
        }
        return key.substring(0, zero);
    }

    static String suffix(String key) {
        int zero = key.indexOf('\u0000');
        if (zero < 0) {
            throw new CorruptValueException("key without a client id separator");
        }
        return key.substring(zero + 1);
    }

    static long parseHex(String suffix, int digits) {
        if (suffix.length() != digits) {
            throw new CorruptValueException("key suffix '" + suffix + "' is not " + digits + " hex digits");
        }
        try {
            return Long.parseUnsignedLong(suffix, 16);
        } catch (NumberFormatException e) {
            throw new CorruptValueException("key suffix '" + suffix + "' is not hexadecimal");
        }
    }

    private static String checked(String clientId) {
        if (clientId.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("client id contains U+0000");
        }
        return clientId;
    }
}
