package dev.switchboard.mqtt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordFileTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GOOD = PasswordHash.create("pw".toCharArray(), 1000, RANDOM).encode();

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("passwd"), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsUsersSkippingCommentsAndBlankLines() throws IOException {
        PasswordFile file = PasswordFile.load(file("# users\n\nalice:" + GOOD + "\n  bob:" + GOOD + "  \n"));
        assertThat(file.size()).isEqualTo(2);
        assertThat(file.lookup("alice")).isPresent();
        assertThat(file.lookup("bob").orElseThrow().matches("pw".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(file.lookup("carol")).isEmpty();
        assertThat(file.maxIterations()).isEqualTo(1000);
    }

    @Test
    void writesAtomicallyForTheOwnerOnlyAndReadsBackTheSame() throws IOException {
        Path path = dir.resolve("passwd");
        PasswordHash alice = PasswordHash.create("a".toCharArray(), 1000, RANDOM);
        PasswordFile.empty().with("alice", alice).with("bob", PasswordHash.parse(GOOD)).write(path);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        PasswordFile read = PasswordFile.load(path);
        assertThat(read.lookup("alice")).contains(alice);
        assertThat(read.format()).isEqualTo("alice:" + alice.encode() + "\nbob:" + GOOD + "\n");
        read.without("alice").write(path);
        assertThat(PasswordFile.load(path).lookup("alice")).isEmpty();
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(path); // no temporary file left behind
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "# header;alice;bob:GOOD|2|expected NAME:$pbkdf2-sha512$...",
        "# header;:GOOD|2|empty user name",
        "bob:GOOD;alice:$md5$abc|2|user 'alice': unknown hash scheme 'md5' (only pbkdf2-sha512)",
        "alice:$pbkdf2-sha512$1000$x|1|user 'alice': expected $pbkdf2-sha512$ITERATIONS$SALT$HASH",
        "bob:GOOD;;bob:GOOD|3|user 'bob' appears twice",
    })
    void malformedLinesAreNamedByFileAndLine(String lines, int line, String reason) throws IOException {
        Path path = file(lines.replace("GOOD", GOOD).replace(';', '\n') + "\n");
        assertThatThrownBy(() -> PasswordFile.load(path)).isInstanceOf(AuthFileException.class)
                .hasMessage(path + ":" + line + ": " + reason)
                .satisfies(e -> assertThat(((AuthFileException) e).line()).isEqualTo(line));
    }

    @Test
    void aHostileLineIsRefusedNotRead() throws IOException {
        Path path = file("x".repeat(10_000) + ":" + GOOD + "\n");
        assertThatThrownBy(() -> PasswordFile.load(path)).hasMessage(path + ":1: line longer than 4096 characters");
        Path binary = Files.write(dir.resolve("bin"), new byte[] {'a', 1, ':', '$'});
        assertThatThrownBy(() -> PasswordFile.load(binary)).hasMessageContaining(":1: a user name cannot contain");
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> PasswordFile.load(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void refusesUnusableNames() {
        PasswordHash hash = PasswordHash.parse(GOOD);
        assertThatThrownBy(() -> PasswordFile.empty().with("a:b", hash)).hasMessageContaining("':'");
        assertThatThrownBy(() -> PasswordFile.empty().with("", hash)).hasMessage("empty user name");
        assertThatThrownBy(() -> PasswordFile.empty().with("a\nb", hash)).hasMessageContaining("control");
        assertThatThrownBy(() -> PasswordFile.empty().with("#a", hash)).hasMessageContaining("'#'");
    }
}
