package dev.switchboard.mqtt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mqtt.topic.TopicName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclParserTest {
    private static final Path FILE = Path.of("acl.conf");

    static Acl parse(String... lines) {
        return AclParser.parse(FILE, List.of(lines));
    }

    @Test
    void readsSectionsPatternsAndDefaultAccess() {
        Acl acl = parse(
                "# anonymous",
                "topic read public/#",
                "",
                "user alice",
                "topic alice/#",
                "  topic   deny   alice/secret  ",
                "pattern write devices/%c/out",
                "user bob",
                "topic read a topic with spaces");
        assertThat(acl.ruleCount()).isEqualTo(5);
        ClientAcl anonymous = acl.forClient(null, "dev1");
        assertThat(anonymous.canRead(TopicName.of("public/x"))).isTrue();
        assertThat(anonymous.canRead(TopicName.of("alice/x"))).isFalse();
        assertThat(anonymous.canWrite(TopicName.of("devices/dev1/out"))).isTrue(); // patterns apply to everyone
        ClientAcl alice = acl.forClient("alice", "dev2");
        assertThat(alice.canWrite(TopicName.of("alice/x"))).isTrue(); // no access word: readwrite
        assertThat(alice.canRead(TopicName.of("alice/x"))).isTrue();
        assertThat(alice.canRead(TopicName.of("alice/secret"))).isFalse();
        assertThat(alice.canRead(TopicName.of("public/x"))).isFalse(); // anonymous rules are not hers
        assertThat(alice.canWrite(TopicName.of("devices/dev2/out"))).isTrue();
        assertThat(acl.forClient("bob", "b").canRead(TopicName.of("a topic with spaces"))).isTrue();
    }

    @Test
    void aRepeatedUserSectionAddsToTheFirst() {
        Acl acl = parse("user a", "topic read x", "user b", "topic read y", "user a", "topic read z");
        ClientAcl a = acl.forClient("a", "c");
        assertThat(a.canRead(TopicName.of("x"))).isTrue();
        assertThat(a.canRead(TopicName.of("z"))).isTrue();
        assertThat(a.canRead(TopicName.of("y"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "topics read a|unknown keyword 'topics' (expected user, topic or pattern)",
        "user|'user' needs a user name",
        "topic|'topic' needs a topic filter",
        "pattern|'pattern' needs a topic filter",
        "topic read|'topic read' needs a topic filter",
        "topic read a/#/b|'a/#/b' is not a valid topic filter: '#' must be alone in the last level",
        "topic write a+|'a+' is not a valid topic filter: '+' must occupy a whole level",
        "pattern read %u+/x|'%u+/x' is not a valid topic filter",
        "topic read $share/g/a|'$share/g/a': write the filter without $share/GROUP/",
        "allow all|unknown keyword 'allow'",
    })
    void malformedLinesAreNamedByFileAndLine(String bad, String reason) {
        assertThatThrownBy(() -> parse("# comment", "topic read ok/#", bad, "topic read fine"))
                .isInstanceOf(AuthFileException.class)
                .hasMessageStartingWith("acl.conf:3: " + reason)
                .satisfies(e -> assertThat(((AuthFileException) e).line()).isEqualTo(3));
    }

    @Test
    void aHostileLineIsRefused() {
        assertThatThrownBy(() -> parse("topic read " + "a/".repeat(40_000)))
                .hasMessage("acl.conf:1: line longer than 65536 characters");
        assertThatThrownBy(() -> parse("topic read a\0b")).hasMessageContaining("null character");
    }

    @Test
    void loadsFromDiskAndNamesAMissingFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("acl"), "user a\ntopic read x\n");
        assertThat(AclParser.load(file).forClient("a", "c").canRead(TopicName.of("x"))).isTrue();
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> AclParser.load(missing)).hasMessage(missing + ": no such file");
    }
}
