package dev.switchboard.mqtt.topic;

import java.util.List;
import java.util.Objects;

/**
 * A valid topic name, the topic of a PUBLISH: at least one character, at most 65,535 UTF-8 bytes,
 * no U+0000, and no wildcard characters anywhere (MQTT-4.7.1-1 / MQTT-4.7.0-1). Names are case
 * sensitive and never normalised (MQTT-4.7.3-4). A name beginning with '$' (such as {@code $SYS/...})
 * is valid here; whether a client may publish to it is the broker's decision (section 4.7.2).
 *
 * <p>A final class rather than a record so that only {@link #parse} can make one: every instance is
 * valid, and its levels are split once.
 */
public final class TopicName {

    private final String value;
    private final String[] levels;

    private TopicName(String value, String[] levels) {
        this.value = value;
        this.levels = levels;
    }

    /** Parses a decoded string. */
    public static TopicParseResult<TopicName> parse(String text) {
        Objects.requireNonNull(text, "text");
        TopicProblem problem = TopicSyntax.checkText(text);
        if (problem == null && (text.indexOf('+') >= 0 || text.indexOf('#') >= 0)) {
            problem = TopicProblem.WILDCARD_IN_NAME;
        }
        if (problem != null) {
            return new TopicParseResult.Invalid<>(problem, text);
        }
        return new TopicParseResult.Valid<>(new TopicName(text, TopicSyntax.split(text)));
    }

    /** Parses the UTF-8 bytes of the wire, refusing ill-formed sequences (MQTT-1.5.3-1 / MQTT-1.5.4-1). */
    public static TopicParseResult<TopicName> parse(byte[] utf8) {
        String text = TopicSyntax.decodeStrictly(Objects.requireNonNull(utf8, "utf8"));
        if (text == null) {
            return new TopicParseResult.Invalid<>(TopicProblem.MALFORMED_UTF8, "<" + utf8.length + " bytes>");
        }
        return parse(text);
    }

    /** Parses a name known to be valid, throwing {@link InvalidTopicException} otherwise. */
    public static TopicName of(String text) {
        return parse(text).orElseThrow();
    }

    /** The name as the client sent it. */
    public String value() {
        return value;
    }

    /** The levels between '/' separators, empty levels included. */
    public List<String> levels() {
        return List.of(levels);
    }

    /** Whether the name begins with '$', so filters starting with a wildcard skip it (MQTT-4.7.2-1). */
    public boolean startsWithDollar() {
        return value.charAt(0) == '$';
    }

    /** The levels, shared and not copied: callers in this package must not modify the array. */
    String[] levelArray() {
        return levels;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicName name && name.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
