package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"sport/tennis/player1", "sport/tennis/player1/#", "sport/#", "#", "+", "+/tennis/#",
        "sport/+/player1", "/+", "+/+", "sport/tennis/+", "/", "a//b", "$SYS/#", "$SYS/monitor/+", "+/#",
        "$share", "$sharex/g/a", "$SHARE/g/a", "€/+/\uD83D\uDE00"})
    void acceptsValidNonSharedFilters_section_4_7_1(String text) {
        TopicFilter filter = TopicFilter.of(text);

        assertThat(filter.value()).isEqualTo(text);
        assertThat(filter.isShared()).isFalse();
        assertThat(filter.sharedSubscription()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport/tennis#", "sport/tennis/#/ranking", "#/a", "a/#b", "a/b#", "##", "#+", "+#", "a/#/"})
    void multiLevelWildcardMustBeAloneInTheLastLevel_MQTT_4_7_1_2_and_5_0_MQTT_4_7_1_1(String text) {
        assertProblem(text, TopicProblem.MISPLACED_MULTI_LEVEL_WILDCARD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport+", "sport/+tennis", "a/++", "+a/b", "a/b+/c"})
    void singleLevelWildcardMustOccupyAWholeLevel_MQTT_4_7_1_3_and_5_0_MQTT_4_7_1_2(String text) {
        assertProblem(text, TopicProblem.MISPLACED_SINGLE_LEVEL_WILDCARD);
    }

    @Test
    void stringRulesApplyToFilters_MQTT_4_7_3_1_to_3() {
        assertProblem("", TopicProblem.EMPTY);
        assertProblem("a/\u0000", TopicProblem.NULL_CHARACTER);
        assertProblem("a/\uDC00", TopicProblem.MALFORMED_UTF8);
        assertProblem("a/" + "b".repeat(65_534), TopicProblem.TOO_LONG);
        assertThat(TopicFilter.parse("a/" + "b".repeat(65_533)).isValid()).isTrue();
        assertProblem("$share/g/" + "b".repeat(65_527), TopicProblem.TOO_LONG);
    }

    @Test
    void wireBytesMustBeWellFormedUtf8_MQTT_1_5_3_1() {
        assertThat(TopicFilter.parse("a/+".getBytes(StandardCharsets.UTF_8)).orElseThrow().value()).isEqualTo("a/+");
        TopicParseResult<TopicFilter> result = TopicFilter.parse(new byte[] {'a', '/', (byte) 0xED, (byte) 0xB0, (byte) 0x80});
        assertThat(((TopicParseResult.Invalid<TopicFilter>) result).problem()).isEqualTo(TopicProblem.MALFORMED_UTF8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$share/consumer1/sport/tennis/+ | consumer1 | sport/tennis/+",
        "$share/consumer1//finance       | consumer1 | /finance",
        "$share/g/#                      | g         | #",
        "$share/g/$SYS/#                 | g         | $SYS/#",
        "$share/$share/x                 | $share    | x",
        "$share/g/$sharex/y              | g         | $sharex/y",
        "$share/€ group/a                | € group   | a"})
    void sharedSubscriptionsAreSplitIntoShareNameAndFilter_MQTT_4_8_2_1_and_2(
            String text, String shareName, String inner) {
        TopicFilter filter = TopicFilter.of(text);

        assertThat(filter.value()).isEqualTo(text);
        assertThat(filter.isShared()).isTrue();
        SharedSubscription shared = filter.sharedSubscription().orElseThrow();
        assertThat(shared.shareName()).isEqualTo(shareName);
        assertThat(shared.filter()).isEqualTo(TopicFilter.of(inner));
        assertThat(shared.filter().isShared()).isFalse();
        assertThat(shared.topicFilter()).isEqualTo(text);
        assertThat(filter.levels()).isEqualTo(TopicFilter.of(inner).levels());
    }

    @Test
    void shareNameMustBeAtLeastOneCharacter_MQTT_4_8_2_1() {
        assertProblem("$share/", TopicProblem.EMPTY_SHARE_NAME);
        assertProblem("$share//a", TopicProblem.EMPTY_SHARE_NAME);
        assertProblem("$share//", TopicProblem.EMPTY_SHARE_NAME);
    }

    @Test
    void shareNameMustNotContainWildcards_MQTT_4_8_2_2() {
        assertProblem("$share/g+/a", TopicProblem.INVALID_SHARE_NAME);
        assertProblem("$share/#/a", TopicProblem.INVALID_SHARE_NAME);
        assertProblem("$share/+", TopicProblem.INVALID_SHARE_NAME);
    }

    @Test
    void shareNameMustBeFollowedBySlashAndAFilter_MQTT_4_8_2_2() {
        assertProblem("$share/g", TopicProblem.MISSING_SHARED_FILTER);
        assertProblem("$share/g/", TopicProblem.MISSING_SHARED_FILTER);
    }

    @Test
    void aSharedSubscriptionOfASharedSubscriptionIsRefused() {
        assertProblem("$share/g/$share/h/x", TopicProblem.NESTED_SHARED_SUBSCRIPTION);
    }

    @Test
    void theInnerFilterFollowsTheWildcardRules() {
        assertProblem("$share/g/a/#/b", TopicProblem.MISPLACED_MULTI_LEVEL_WILDCARD);
        assertProblem("$share/g/a+", TopicProblem.MISPLACED_SINGLE_LEVEL_WILDCARD);
    }

    @Test
    void sharedSubscriptionRecordValidatesToo() {
        assertThatThrownBy(() -> new SharedSubscription("", TopicFilter.of("a")))
                .isInstanceOf(InvalidTopicException.class)
                .extracting(e -> ((InvalidTopicException) e).problem()).isEqualTo(TopicProblem.EMPTY_SHARE_NAME);
        assertThatThrownBy(() -> new SharedSubscription("a/b", TopicFilter.of("a")))
                .isInstanceOf(InvalidTopicException.class)
                .extracting(e -> ((InvalidTopicException) e).problem()).isEqualTo(TopicProblem.INVALID_SHARE_NAME);
        assertThatThrownBy(() -> new SharedSubscription("g", TopicFilter.of("$share/h/a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SharedSubscription("g", TopicFilter.of("a/+")).topicFilter()).isEqualTo("$share/g/a/+");
    }

    @Test
    void equalityIsOnTheFullText() {
        assertThat(TopicFilter.of("a/b")).isEqualTo(TopicFilter.of("a/b")).hasSameHashCodeAs(TopicFilter.of("a/b"));
        assertThat(TopicFilter.of("a/b")).isNotEqualTo(TopicFilter.of("$share/g/a/b"));
        assertThat(TopicFilter.of("$share/g/a/b")).isNotEqualTo(TopicFilter.of("$share/h/a/b"));
        assertThat(TopicFilter.of("a/b")).isNotEqualTo(TopicFilter.of("A/b"));
    }

    @Test
    void wildcardsAreReported() {
        assertThat(TopicFilter.of("a/b").hasWildcards()).isFalse();
        assertThat(TopicFilter.of("a/+").hasWildcards()).isTrue();
        assertThat(TopicFilter.of("#").hasWildcards()).isTrue();
        assertThat(TopicFilter.of("$share/g/a").hasWildcards()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // section 4.7.1.2: '#' matches the parent and any number of child levels (MQTT-4.7.1-2 / 5.0 MQTT-4.7.1-1)
        "sport/tennis/player1/# | sport/tennis/player1                       | true",
        "sport/tennis/player1/# | sport/tennis/player1/ranking               | true",
        "sport/tennis/player1/# | sport/tennis/player1/score/wimbledon       | true",
        "sport/#                | sport                                      | true",
        "#                      | sport/tennis                               | true",
        "#                      | /                                          | true",
        "sport/#                | sports                                     | false",
        // section 4.7.1.3: '+' matches exactly one level, which may be empty
        "sport/tennis/+         | sport/tennis/player1                       | true",
        "sport/tennis/+         | sport/tennis/player1/ranking               | false",
        "sport/+                | sport                                      | false",
        "sport/+                | sport/                                     | true",
        "+/+                    | /finance                                   | true",
        "/+                     | /finance                                   | true",
        "+                      | /finance                                   | false",
        // section 4.7.2: wildcards at the first level do not match '$' names (MQTT-4.7.2-1)
        "#                      | $SYS/broker                                | false",
        "+/monitor/Clients      | $SYS/monitor/Clients                       | false",
        "$SYS/#                 | $SYS/monitor/Clients                       | true",
        "$SYS/monitor/+         | $SYS/monitor/Clients                       | true",
        "a/#                    | a/$b                                       | true",
        "$share/g/#             | $SYS/x                                     | false",
        "$share/g/a/+           | a/b                                        | true",
        // case sensitive, no normalisation (MQTT-4.7.3-4)
        "ACCOUNTS               | Accounts                                   | false"})
    void matchesFollowSection_4_7(String filter, String name, boolean expected) {
        assertThat(TopicFilter.of(filter).matches(TopicName.of(name))).isEqualTo(expected);
    }

    private static void assertProblem(String text, TopicProblem expected) {
        assertThat(TopicFilter.parse(text)).isEqualTo(new TopicParseResult.Invalid<>(expected, text));
    }
}
