package dev.switchboard.mqtt.topic;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid topic filter, as sent in SUBSCRIBE and UNSUBSCRIBE. On top of the rules every topic string
 * follows (MQTT-4.7.3-1..3), '#' must be alone in the last level (MQTT-4.7.1-2 / MQTT-4.7.1-1) and '+'
 * must be alone in its level (MQTT-4.7.1-3 / MQTT-4.7.1-2).
 *
 * <p>A filter beginning with {@code $share/} is a shared subscription (MQTT 5.0 section 4.8.2; accepted
 * from 3.1.1 clients too): {@link #sharedSubscription()} holds the ShareName and the inner filter, and
 * {@link #levels()} are the inner filter's levels, the ones matched against topic names. Two filters
 * are equal when their full text is equal, so {@code a/b} and {@code $share/g/a/b} are different
 * subscriptions of one client (MQTT-3.8.4-3 replaces only on an identical filter).
 */
public final class TopicFilter {

    private final String value;
    private final String[] levels;
    private final SharedSubscription share;

    private TopicFilter(String value, String[] levels, SharedSubscription share) {
        this.value = value;
        this.levels = levels;
        this.share = share;
    }

    /** Parses a decoded string. */
    public static TopicParseResult<TopicFilter> parse(String text) {
        Objects.requireNonNull(text, "text");
        TopicProblem problem = TopicSyntax.checkText(text);
        if (problem != null) {
            return new TopicParseResult.Invalid<>(problem, text);
        }
        if (!text.startsWith(SharedSubscription.PREFIX)) {
            return parsePlain(text, text);
        }
        String rest = text.substring(SharedSubscription.PREFIX.length());
        int slash = rest.indexOf('/');
        String shareName = slash < 0 ? rest : rest.substring(0, slash);
        if (shareName.isEmpty()) {
            return new TopicParseResult.Invalid<>(TopicProblem.EMPTY_SHARE_NAME, text);
        }
        if (shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0) {
            return new TopicParseResult.Invalid<>(TopicProblem.INVALID_SHARE_NAME, text);
        }
        if (slash < 0 || slash == rest.length() - 1) {
            return new TopicParseResult.Invalid<>(TopicProblem.MISSING_SHARED_FILTER, text);
        }
        String inner = rest.substring(slash + 1);
        if (inner.startsWith(SharedSubscription.PREFIX)) {
            return new TopicParseResult.Invalid<>(TopicProblem.NESTED_SHARED_SUBSCRIPTION, text);
        }
        TopicParseResult<TopicFilter> innerResult = parsePlain(inner, text);
        if (innerResult instanceof TopicParseResult.Valid<TopicFilter> valid) {
            TopicFilter plain = valid.value();
            SharedSubscription shared = new SharedSubscription(shareName, plain);
            return new TopicParseResult.Valid<>(new TopicFilter(text, plain.levels, shared));
        }
        return innerResult;
    }

    /** Parses the UTF-8 bytes of the wire, refusing ill-formed sequences (MQTT-1.5.3-1 / MQTT-1.5.4-1). */
    public static TopicParseResult<TopicFilter> parse(byte[] utf8) {
        String text = TopicSyntax.decodeStrictly(Objects.requireNonNull(utf8, "utf8"));
        if (text == null) {
            return new TopicParseResult.Invalid<>(TopicProblem.MALFORMED_UTF8, "<" + utf8.length + " bytes>");
        }
        return parse(text);
    }

    /** Parses a filter known to be valid, throwing {@link InvalidTopicException} otherwise. */
    public static TopicFilter of(String text) {
        return parse(text).orElseThrow();
    }

    private static TopicParseResult<TopicFilter> parsePlain(String filter, String reported) {
        String[] levels = TopicSyntax.split(filter);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.indexOf('#') >= 0 && (!level.equals(TopicSyntax.MULTI_LEVEL) || i != levels.length - 1)) {
                return new TopicParseResult.Invalid<>(TopicProblem.MISPLACED_MULTI_LEVEL_WILDCARD, reported);
            }
            if (level.indexOf('+') >= 0 && !level.equals(TopicSyntax.SINGLE_LEVEL)) {
                return new TopicParseResult.Invalid<>(TopicProblem.MISPLACED_SINGLE_LEVEL_WILDCARD, reported);
            }
        }
        return new TopicParseResult.Valid<>(new TopicFilter(filter, levels, null));
    }

    /** The filter as the client sent it, including any {@code $share/{ShareName}/} prefix. */
    public String value() {
        return value;
    }

    /** The levels matched against topic names (of the inner filter for a shared subscription). */
    public List<String> levels() {
        return List.of(levels);
    }

    /** Whether this is a shared subscription's filter. */
    public boolean isShared() {
        return share != null;
    }

    /** The ShareName and inner filter of a shared subscription. */
    public Optional<SharedSubscription> sharedSubscription() {
        return Optional.ofNullable(share);
    }

    /** Whether any level is '+' or '#'. */
    public boolean hasWildcards() {
        for (String level : levels) {
            if (level.equals(TopicSyntax.SINGLE_LEVEL) || level.equals(TopicSyntax.MULTI_LEVEL)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this filter matches the topic name: '+' matches exactly one level, '#' the parent level
     * and any number of child levels (so {@code sport/#} matches {@code sport}, MQTT-4.7.1-2 /
     * MQTT-4.7.1-1), and a filter starting with a wildcard never matches a name beginning with '$'
     * (MQTT-4.7.2-1). For one filter; the {@link TopicTree} does the same for all subscriptions at once.
     */
    public boolean matches(TopicName name) {
        String[] topic = name.levelArray();
        if (name.startsWithDollar() && isWildcard(levels[0])) {
            return false;
        }
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals(TopicSyntax.MULTI_LEVEL)) {
                return true;
            }
            if (i >= topic.length || !(levels[i].equals(TopicSyntax.SINGLE_LEVEL) || levels[i].equals(topic[i]))) {
                return false;
            }
        }
        return levels.length == topic.length;
    }

    /** The matched levels, shared and not copied: callers in this package must not modify the array. */
    String[] levelArray() {
        return levels;
    }

    /** The ShareName, or {@code null} for a non-shared filter. */
    String shareNameOrNull() {
        return share == null ? null : share.shareName();
    }

    private static boolean isWildcard(String level) {
        return level.equals(TopicSyntax.SINGLE_LEVEL) || level.equals(TopicSyntax.MULTI_LEVEL);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter filter && filter.value.equals(value);
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
