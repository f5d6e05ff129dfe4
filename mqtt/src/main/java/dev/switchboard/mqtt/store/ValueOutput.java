package dev.switchboard.mqtt.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes one stored value: a kind byte, a layout version byte, the body in variable-length
 * integers, length-prefixed UTF-8 strings and byte arrays, then a CRC-32C of everything before it
 * (4 bytes, big-endian) of the entry's key and everything before it, so a damaged value, or a
 * value found under a damaged key, is found when it is read rather than misread.
 */
final class ValueOutput {
    private final String key;
    private byte[] bytes = new byte[64];
    private int length;

    ValueOutput(String key, int kind, int layoutVersion) {
        this.key = key;
        writeByte(kind);
        writeByte(layoutVersion);
    }

    ValueOutput writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first; 1 to 10 bytes. */
    ValueOutput writeVarLong(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
        return this;
    }

    /** A varint byte count, then the bytes. */
    ValueOutput writeBytes(byte[] value) {
        writeVarLong(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    /** A varint byte count, then the UTF-8 bytes. */
    ValueOutput writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The finished value with its checksum. */
    byte[] toByteArray() {
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        crc.update(bytes, 0, length);
        int sum = (int) crc.getValue();
        ensure(4);
        bytes[length++] = (byte) (sum >>> 24);
        bytes[length++] = (byte) (sum >>> 16);
        bytes[length++] = (byte) (sum >>> 8);
        bytes[length++] = (byte) sum;
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
