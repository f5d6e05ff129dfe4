package dev.switchboard.mqtt.topic;

/**
 * Why a string is not a valid topic name or topic filter. Each constant names the normative statement
 * it enforces (3.1.1 id first, then 5.0 where they differ), so the broker can log it and pick the wire
 * action: a 5.0 SUBACK reason code 0x8F (Topic Filter invalid) or DISCONNECT 0x90 (Topic Name invalid),
 * or closing a 3.1.1 connection.
 */
public enum TopicProblem {

    /** Shorter than one character (MQTT-4.7.3-1). */
    EMPTY("must be at least one character long (MQTT-4.7.3-1)"),
    /** Encodes to more than 65,535 UTF-8 bytes (MQTT-4.7.3-3). */
    TOO_LONG("must not encode to more than 65,535 bytes (MQTT-4.7.3-3)"),
    /** Contains U+0000 (MQTT-4.7.3-2; MQTT-1.5.3-2 / MQTT-1.5.4-2). */
    NULL_CHARACTER("must not contain the null character U+0000 (MQTT-4.7.3-2)"),
    /** Not well-formed UTF-8, for example an unpaired surrogate (MQTT-1.5.3-1 / MQTT-1.5.4-1). */
    MALFORMED_UTF8("must be well-formed UTF-8 without surrogate code points (MQTT-1.5.3-1 / MQTT-1.5.4-1)"),
    /** A topic name containing '+' or '#' (MQTT-4.7.1-1 / MQTT-4.7.0-1). */
    WILDCARD_IN_NAME("a topic name must not contain the wildcards '+' or '#' (MQTT-4.7.1-1 / MQTT-4.7.0-1)"),
    /** A '#' that is not alone in the last level of a filter (MQTT-4.7.1-2 / MQTT-4.7.1-1). */
    MISPLACED_MULTI_LEVEL_WILDCARD(
            "'#' must be alone in the last level of a topic filter (MQTT-4.7.1-2 / MQTT-4.7.1-1)"),
    /** A '+' that does not occupy a whole level of a filter (MQTT-4.7.1-3 / MQTT-4.7.1-2). */
    MISPLACED_SINGLE_LEVEL_WILDCARD(
            "'+' must occupy a whole level of a topic filter (MQTT-4.7.1-3 / MQTT-4.7.1-2)"),
    /** {@code $share/} followed directly by '/' or by nothing (MQTT-4.8.2-1). */
    EMPTY_SHARE_NAME("a shared subscription needs a ShareName of at least one character (MQTT-4.8.2-1)"),
    /** A ShareName containing '+' or '#' (MQTT-4.8.2-2). */
    INVALID_SHARE_NAME("a ShareName must not contain '/', '+' or '#' (MQTT-4.8.2-2)"),
    /** A ShareName not followed by '/' and a non-empty topic filter (MQTT-4.8.2-2). */
    MISSING_SHARED_FILTER("a ShareName must be followed by '/' and a topic filter (MQTT-4.8.2-2)"),
    /**
     * A shared subscription whose filter is itself {@code $share/...}. The specification does not forbid
     * it, but such a filter could only match names beginning with {@code $share/}, and as a value it would
     * read as a second shared subscription; we refuse it, as EMQX does.
     */
    NESTED_SHARED_SUBSCRIPTION("the filter of a shared subscription must not itself begin with $share/");

    private final String description;

    TopicProblem(String description) {
        this.description = description;
    }

    /** A sentence for logs and reason strings, naming the normative statement. */
    public String description() {
        return description;
    }
}
