package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "sport/tennis/player1", "/", "//", "/finance", "finance/", "a//b", " ", "a b/c",
        "$SYS/broker/clients", "$share/g/a", "Sport/Tennis", "température/€/\uD83D\uDE00", "\uFFFF"})
    void acceptsValidNames(String text) {
        TopicParseResult<TopicName> result = TopicName.parse(text);

        assertThat(result).isEqualTo(new TopicParseResult.Valid<>(TopicName.of(text)));
        assertThat(TopicName.of(text).value()).isEqualTo(text);
    }

    @Test
    void emptyNameIsRefused_MQTT_4_7_3_1() {
        assertProblem("", TopicProblem.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "#", "sport/+", "sport/#", "sport+", "a/b#", "#/a", "a/+/b"})
    void wildcardsAnywhereInANameAreRefused_MQTT_4_7_1_1_and_4_7_0_1(String text) {
        assertProblem(text, TopicProblem.WILDCARD_IN_NAME);
    }

    @Test
    void nullCharacterIsRefused_MQTT_4_7_3_2() {
        assertProblem("a\u0000b", TopicProblem.NULL_CHARACTER);
        assertProblem("\u0000", TopicProblem.NULL_CHARACTER);
    }

    @Test
    void unpairedSurrogatesAreRefused_MQTT_1_5_3_1() {
        assertProblem("a\uD800", TopicProblem.MALFORMED_UTF8);
        assertProblem("\uD800a", TopicProblem.MALFORMED_UTF8);
        assertProblem("a\uDC00b", TopicProblem.MALFORMED_UTF8);
        assertProblem("\uDBFF\uDBFF", TopicProblem.MALFORMED_UTF8);
    }

    @Test
    void lengthIsCountedInUtf8BytesUpTo65535_MQTT_4_7_3_3() {
        assertThat(TopicName.parse("a".repeat(65_535)).isValid()).isTrue();
        assertProblem("a".repeat(65_536), TopicProblem.TOO_LONG);
        // '€' is three bytes: 21,845 of them are 65,535 bytes, one more is too long
        assertThat(TopicName.parse("€".repeat(21_845)).isValid()).isTrue();
        assertProblem("€".repeat(21_846), TopicProblem.TOO_LONG);
        // 'é' is two bytes, a surrogate pair four
        assertThat(TopicName.parse("é".repeat(32_767) + "a").isValid()).isTrue();
        assertProblem("é".repeat(32_768), TopicProblem.TOO_LONG);
        assertThat(TopicName.parse("\uD83D\uDE00".repeat(16_383) + "aaa").isValid()).isTrue();
        assertProblem("\uD83D\uDE00".repeat(16_384), TopicProblem.TOO_LONG);
    }

    @Test
    void wireBytesMustBeWellFormedUtf8_MQTT_1_5_3_1() {
        assertThat(TopicName.parse("a/€".getBytes(StandardCharsets.UTF_8)).orElseThrow().value()).isEqualTo("a/€");
        assertBytesProblem(new byte[] {(byte) 0xC0, (byte) 0x80}); // overlong encoding of U+0000
        assertBytesProblem(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}); // encoded surrogate U+D800
        assertBytesProblem(new byte[] {'a', (byte) 0xE2, (byte) 0x82}); // truncated three-byte sequence
        assertBytesProblem(new byte[] {(byte) 0xFF}); // never valid in UTF-8
        assertBytesProblem(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}); // above U+10FFFF
    }

    @Test
    void wireBytesGetTheStringRulesToo() {
        assertThat(((TopicParseResult.Invalid<TopicName>) TopicName.parse(new byte[] {'a', 0})).problem())
                .isEqualTo(TopicProblem.NULL_CHARACTER);
        assertThat(((TopicParseResult.Invalid<TopicName>) TopicName.parse(new byte[0])).problem())
                .isEqualTo(TopicProblem.EMPTY);
    }

    @Test
    void levelsKeepEmptyLevels() {
        assertThat(TopicName.of("/").levels()).containsExactly("", "");
        assertThat(TopicName.of("a//b/").levels()).containsExactly("a", "", "b", "");
        assertThat(TopicName.of("sport").levels()).containsExactly("sport");
    }

    @Test
    void dollarTopicsAreRecognised_MQTT_4_7_2_1() {
        assertThat(TopicName.of("$SYS/x").startsWithDollar()).isTrue();
        assertThat(TopicName.of("a/$SYS").startsWithDollar()).isFalse();
    }

    @Test
    void namesAreComparedExactlyWithoutNormalisation_MQTT_4_7_3_4() {
        assertThat(TopicName.of("ACCOUNTS")).isNotEqualTo(TopicName.of("Accounts"));
        // "é" precomposed and decomposed are different names
        assertThat(TopicName.of("\u00E9")).isNotEqualTo(TopicName.of("e\u0301"));
        assertThat(TopicName.of("a/b")).isEqualTo(TopicName.of("a/b")).hasSameHashCodeAs(TopicName.of("a/b"));
    }

    @Test
    void ofThrowsTheProblem() {
        assertThatThrownBy(() -> TopicName.of("a/+"))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("MQTT-4.7.0-1")
                .extracting(e -> ((InvalidTopicException) e).problem())
                .isEqualTo(TopicProblem.WILDCARD_IN_NAME);
    }

    private static void assertProblem(String text, TopicProblem expected) {
        assertThat(TopicName.parse(text)).isEqualTo(new TopicParseResult.Invalid<>(expected, text));
    }

    private static void assertBytesProblem(byte[] utf8) {
        TopicParseResult<TopicName> result = TopicName.parse(utf8);
        assertThat(result).isInstanceOf(TopicParseResult.Invalid.class);
        assertThat(((TopicParseResult.Invalid<TopicName>) result).problem()).isEqualTo(TopicProblem.MALFORMED_UTF8);
    }
}
