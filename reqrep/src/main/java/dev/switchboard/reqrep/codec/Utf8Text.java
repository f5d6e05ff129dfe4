package dev.switchboard.reqrep.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text on the wire with a fast path for ASCII, which route names almost always are: no
 * intermediate byte array and no decoder object per frame. Non-ASCII text goes through the JDK's
 * encoder (so length and bytes always agree) and its strict decoder (so malformed input fails).
 */
final class Utf8Text {
    private Utf8Text() {
    }

    static boolean isAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Bytes {@code text} takes in UTF-8, as {@link #write} writes it. */
    static int length(String text) {
        return isAscii(text) ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    static void write(String text, ByteBuf out) {
        if (isAscii(text)) {
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
        } else {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Strictly decodes {@code length} bytes at {@code index}; malformed UTF-8 throws. */
    static String read(ByteBuf in, int index, int length) throws CharacterCodingException {
        boolean ascii = true;
        for (int i = index, end = index + length; i < end; i++) {
            if (in.getByte(i) < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return in.toString(index, length, StandardCharsets.US_ASCII);
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in.nioBuffer(index, length))
                .toString();
    }
}
