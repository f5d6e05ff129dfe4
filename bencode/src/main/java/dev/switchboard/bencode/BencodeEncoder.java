package dev.switchboard.bencode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the canonical bencoding of a value: integers and string lengths in shortest decimal form,
 * dictionary keys in raw byte order. Decoded dictionaries are re-encoded from their entries rather than
 * copied from {@link BDictionary#rawBytes()}; since the decoder accepts only canonical input, both are
 * the same bytes. Instances are stateless and thread-safe.
 */
public final class BencodeEncoder {

    /** Creates an encoder. */
    public BencodeEncoder() {}

    /** Returns the canonical bencoding of {@code value}. */
    public byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(Objects.requireNonNull(value, "value"), out);
        return out.toByteArray();
    }

    /** Writes the canonical bencoding of {@code value} to {@code out}. */
    public void encode(BValue value, OutputStream out) throws IOException {
        out.write(encode(value));
    }

    private static void write(BValue value, ByteArrayOutputStream out) {
        if (value instanceof BString string) {
            writeString(string, out);
        } else if (value instanceof BInteger integer) {
            out.write('i');
            writeAscii(Long.toString(integer.value()), out);
            out.write('e');
        } else if (value instanceof BList list) {
            out.write('l');
            for (BValue element : list.values()) {
                write(element, out);
            }
            out.write('e');
        } else {
            out.write('d');
            for (Map.Entry<BString, BValue> entry : ((BDictionary) value).entries().entrySet()) {
                writeString(entry.getKey(), out);
                write(entry.getValue(), out);
            }
            out.write('e');
        }
    }

    private static void writeString(BString string, ByteArrayOutputStream out) {
        writeAscii(Integer.toString(string.length()), out);
        out.write(':');
        out.writeBytes(string.array());
    }

    private static void writeAscii(String text, ByteArrayOutputStream out) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
