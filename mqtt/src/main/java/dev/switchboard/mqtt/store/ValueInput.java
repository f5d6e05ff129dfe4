package dev.switchboard.mqtt.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads one value written by {@link ValueOutput}: checks the checksum, the kind and the layout
 * version first, and every length against what is left, so damaged bytes become a
 * {@link CorruptValueException} and never a wrong value or an oversized allocation.
 */
final class ValueInput {
    private final byte[] bytes;
    private final int end;
    private int position;

    private ValueInput(byte[] bytes, int end, int position) {
        this.bytes = bytes;
        this.end = end;
        this.position = position;
    }

    /** Opens {@code value} stored under {@code key}: of {@code kind}, written with {@code layoutVersion}. */
    static ValueInput open(String key, byte[] value, int kind, int layoutVersion) {
        return open(key, value, kind, layoutVersion, layoutVersion);
    }

    /** Opens {@code value} of {@code kind} written with any layout from {@code oldest} to {@code newest}. */
    static ValueInput open(String key, byte[] value, int kind, int oldest, int newest) {
        if (value == null || value.length < 6) {
            throw new CorruptValueException("value too short: " + (value == null ? 0 : value.length) + " bytes");
        }
        int end = value.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        crc.update(value, 0, end);
        int stored = ((value[end] & 0xFF) << 24) | ((value[end + 1] & 0xFF) << 16) | ((value[end + 2] & 0xFF) << 8)
                | (value[end + 3] & 0xFF);
        if (stored != (int) crc.getValue()) {
            throw new CorruptValueException("checksum mismatch");
        }
        if (value[0] != (byte) kind) {
            throw new CorruptValueException("expected a value of kind '" + (char) kind + "', found '"
                    + (char) (value[0] & 0xFF) + "'");
        }
        int layout = value[1] & 0xFF;
        if (layout < oldest || layout > newest) {
            throw new CorruptValueException("unknown layout version " + layout + " of kind '" + (char) kind
                    + "' (this build reads " + (oldest == newest ? oldest : oldest + " to " + newest) + ")");
        }
        return new ValueInput(value, end, 2);
    }

    /** The layout version the value was written with. */
    int layout() {
        return bytes[1] & 0xFF;
    }

    int readByte() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptValueException("variable-length integer longer than 10 bytes");
    }

    /** A varint that must lie in 0..max. */
    int readVarInt(int max) {
        long value = readVarLong();
        if (value < 0 || value > max) {
            throw new CorruptValueException("value " + value + " out of range 0.." + max);
        }
        return (int) value;
    }

    byte[] readBytes() {
        int n = readVarInt(end - position);
        byte[] out = Arrays.copyOfRange(bytes, position, position + n);
        position += n;
        return out;
    }

    String readString() {
        byte[] utf8 = readBytes();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptValueException("string is not UTF-8");
        }
    }

    /** Requires that every byte of the body was read. */
    void end() {
        if (position != end) {
            throw new CorruptValueException((end - position) + " unread bytes after the value");
        }
    }

    private void need(int n) {
        if (end - position < n) {
            throw new CorruptValueException("value ends early");
        }
    }
}
