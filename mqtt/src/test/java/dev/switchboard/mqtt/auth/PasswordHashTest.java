package dev.switchboard.mqtt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordHashTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void roundTripsThroughItsTextAndChecksThePassword() {
        PasswordHash hash = PasswordHash.create("s3cret".toCharArray(), 1000, RANDOM);
        String text = hash.encode();
        assertThat(text).matches("\\$pbkdf2-sha512\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{86}");
        PasswordHash parsed = PasswordHash.parse(text);
        assertThat(parsed).isEqualTo(hash);
        assertThat(parsed.matches("s3cret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(parsed.matches("s3cret".toCharArray())).isTrue();
    }

    @Test
    void refusesAWrongPassword() {
        PasswordHash hash = PasswordHash.create("s3cret".toCharArray(), 1000, RANDOM);
        assertThat(hash.matches("s3creT".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(hash.matches(new byte[0])).isFalse();
        assertThat(hash.matches("s3cre".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(hash.matches("s3cret ".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void saltsEveryHashDifferently() {
        PasswordHash a = PasswordHash.create("same".toCharArray(), 1000, RANDOM);
        PasswordHash b = PasswordHash.create("same".toCharArray(), 1000, RANDOM);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.encode()).isNotEqualTo(b.encode());
        assertThat(a.salt()).hasSize(PasswordHash.SALT_BYTES);
    }

    @Test
    void anEmptyPasswordCanBeHashedAndChecked() {
        PasswordHash hash = PasswordHash.create(new char[0], 1000, RANDOM);
        assertThat(hash.matches(new byte[0])).isTrue();
        assertThat(hash.matches("x".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void theDefaultCostIsOwaspsFigure() {
        assertThat(PasswordHash.DEFAULT_ITERATIONS).isEqualTo(210_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "$bcrypt$12$abc|unknown hash scheme 'bcrypt'",
        "$pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA|unknown hash scheme 'pbkdf2-sha256'",
        "pbkdf2-sha512$1000$a$b|must start with $pbkdf2-sha512$",
        "plain-text-password|must start with $pbkdf2-sha512$",
        "$pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA|expected $pbkdf2-sha512$ITERATIONS$SALT$HASH",
        "$pbkdf2-sha512$1000$a$b$c|expected $pbkdf2-sha512$ITERATIONS$SALT$HASH",
        "$pbkdf2-sha512$many$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA|iterations 'many' is not a number",
        "$pbkdf2-sha512$99999999999$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA|is not a number",
        "$pbkdf2-sha512$10$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA|iterations must be 1000-100000000, got 10",
        "$pbkdf2-sha512$1000$!!notbase64!!$AAAAAAAAAAAAAAAAAAAAAA|salt is not valid Base64",
        "$pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA$%%%|hash is not valid Base64",
        "$pbkdf2-sha512$1000$AAAA$AAAAAAAAAAAAAAAAAAAAAA|salt must be at least 16 bytes, got 3",
        "$pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA$AAAA|hash must be 16-128 bytes, got 3",
        "|must start with $pbkdf2-sha512$",
    })
    void refusesMalformedHashesSayingWhy(String text, String reason) {
        assertThatThrownBy(() -> PasswordHash.parse(text == null ? "" : text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
