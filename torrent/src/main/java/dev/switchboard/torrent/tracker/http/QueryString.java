package dev.switchboard.torrent.tracker.http;

import dev.switchboard.torrent.tracker.TrackerException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a query string as raw bytes. Tracker parameters such as {@code info_hash} and
 * {@code peer_id} are 20 arbitrary bytes percent-encoded, so values are never decoded as text: each
 * {@code %XY} becomes one byte and every other character stands for itself (RFC 3986, so {@code +}
 * is a plus, not a space). Parameter names are ASCII and compared exactly.
 */
public final class QueryString {
    private final Map<String, List<byte[]>> parameters;

    private QueryString(Map<String, List<byte[]>> parameters) {
        this.parameters = parameters;
    }

    /**
     * Parses {@code query} (the part after {@code ?}, without it), given as bytes.
     *
     * @throws TrackerException on a bad percent-escape or more than {@code maxParameters} parameters
     */
    public static QueryString parse(byte[] query, int maxParameters) {
        Map<String, List<byte[]>> parameters = new HashMap<>();
        int count = 0;
        int start = 0;
        while (start <= query.length) {
            int end = indexOf(query, (byte) '&', start);
            if (end > start) {
                if (++count > maxParameters) {
                    throw new TrackerException("too many query parameters: at most " + maxParameters);
                }
                int equals = indexOf(query, (byte) '=', start);
                int nameEnd = Math.min(equals, end);
                String name = new String(unescape(query, start, nameEnd, null), StandardCharsets.ISO_8859_1);
                byte[] value = nameEnd < end ? unescape(query, nameEnd + 1, end, name) : new byte[0];
                parameters.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return new QueryString(parameters);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static byte[] unescape(byte[] query, int from, int to, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = query[i];
            if (b != '%') {
                out.write(b);
                continue;
            }
            int high = i + 2 < to ? Character.digit(query[i + 1], 16) : -1;
            int low = i + 2 < to ? Character.digit(query[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new TrackerException("bad percent-escape in query "
                        + (name == null ? "parameter name" : "parameter '" + name + "'")
                        + ": '%' must be followed by two hex digits");
            }
            out.write(high << 4 | low);
            i += 2;
        }
        return out.toByteArray();
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<byte[]> all(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /**
     * The one value of {@code name}.
     *
     * @throws TrackerException when it is given more than once
     */
    public Optional<byte[]> single(String name) {
        List<byte[]> values = all(name);
        if (values.size() > 1) {
            throw new TrackerException("parameter '" + name + "' is given " + values.size() + " times");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The one value of {@code name} as ASCII text. */
    public Optional<String> text(String name) {
        return single(name).map(v -> new String(v, StandardCharsets.ISO_8859_1));
    }

    /** @throws TrackerException when {@code name} is absent or given twice */
    public byte[] required(String name) {
        return single(name).orElseThrow(() -> new TrackerException("missing parameter '" + name + "'"));
    }
}
