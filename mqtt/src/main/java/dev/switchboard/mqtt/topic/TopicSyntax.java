package dev.switchboard.mqtt.topic;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The string rules topic names and topic filters share (MQTT-4.7.3-1..3 and the UTF-8 rules of section
 * 1.5), and splitting into levels. No normalisation of any kind is done (MQTT-4.7.3-4): levels are
 * compared as the exact code points the client sent.
 */
final class TopicSyntax {

    /** Largest encoded length of a topic name or filter, in bytes (MQTT-4.7.3-3). */
    static final int MAX_BYTES = 65_535;

    static final char SEPARATOR = '/';
    static final String MULTI_LEVEL = "#";
    static final String SINGLE_LEVEL = "+";

    private TopicSyntax() {
    }

    /**
     * Checks the rules common to names and filters on a decoded string: at least one character, no
     * U+0000, no unpaired surrogate (which no well-formed UTF-8 can produce), at most 65,535 bytes once
     * encoded. Returns the first problem, or {@code null}.
     */
    static TopicProblem checkText(String text) {
        if (text.isEmpty()) {
            return TopicProblem.EMPTY;
        }
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return TopicProblem.NULL_CHARACTER;
            }
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return TopicProblem.MALFORMED_UTF8;
                }
                i++;
                bytes += 4;
            } else if (Character.isLowSurrogate(c)) {
                return TopicProblem.MALFORMED_UTF8;
            } else {
                bytes += 3;
            }
        }
        return bytes > MAX_BYTES ? TopicProblem.TOO_LONG : null;
    }

    /**
     * Decodes wire bytes strictly: overlong forms, encoded surrogates (U+D800..U+DFFF) and truncated
     * sequences are refused rather than replaced. Returns {@code null} when the bytes are not
     * well-formed UTF-8.
     */
    static String decodeStrictly(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Splits on '/', keeping empty levels: {@code "/a//"} has the four levels "", "a", "", "". */
    static String[] split(String text) {
        List<String> levels = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == SEPARATOR) {
                levels.add(text.substring(start, i));
                start = i + 1;
            }
        }
        levels.add(text.substring(start));
        return levels.toArray(new String[0]);
    }
}
