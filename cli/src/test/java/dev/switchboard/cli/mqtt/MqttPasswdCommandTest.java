package dev.switchboard.cli.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliRun;
import dev.switchboard.mqtt.auth.PasswordFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttPasswdCommandTest {
    @TempDir
    Path dir;

    private static boolean checks(Path file, String user, String password) {
        return PasswordFile.load(file).lookup(user).map(h -> h.matches(password.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    @Test
    void batchModeCreatesTheFileForTheOwnerOnlyWithTheDefaultCost() throws Exception {
        Path file = dir.resolve("passwd");
        CliRun run = CliRun.of("mqtt", "passwd", "-b", file.toString(), "alice", "wonderland");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("added user alice to " + file + "\n");
        assertThat(Files.readString(file)).matches("alice:\\$pbkdf2-sha512\\$210000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{86}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(checks(file, "alice", "wonderland")).isTrue();
        assertThat(checks(file, "alice", "wonderlanD")).isFalse();
    }

    @Test
    void changesAndDeletesUsersKeepingTheOthers() {
        Path file = dir.resolve("passwd");
        assertThat(CliRun.of("mqtt", "passwd", "-b", "--iterations", "1000", file.toString(), "alice", "a1").exitCode())
                .isZero();
        assertThat(CliRun.of("mqtt", "passwd", "-b", "--iterations", "1000", file.toString(), "bob", "b1").exitCode())
                .isZero();
        CliRun change = CliRun.of("mqtt", "passwd", "-b", "--iterations", "1000", file.toString(), "alice", "a2");
        assertThat(change.out()).isEqualTo("changed the password of user alice in " + file + "\n");
        assertThat(checks(file, "alice", "a2")).isTrue();
        assertThat(checks(file, "alice", "a1")).isFalse();
        CliRun delete = CliRun.of("mqtt", "passwd", "-D", file.toString(), "alice");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(PasswordFile.load(file).lookup("alice")).isEmpty();
        assertThat(checks(file, "bob", "b1")).isTrue();
        CliRun again = CliRun.of("mqtt", "passwd", "-D", file.toString(), "alice");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly("error: user 'alice' is not in " + file);
    }

    @Test
    void aMalformedFileIsNamedWithItsLineAndLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("passwd"), "# users\nalice:secret\n");
        CliRun run = CliRun.of("mqtt", "passwd", "-b", file.toString(), "bob", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: " + file + ":2: user 'alice': the hash must start with $pbkdf2-sha512$");
        assertThat(Files.readString(file)).isEqualTo("# users\nalice:secret\n");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Path file = dir.resolve("passwd");
        assertThat(CliRun.of("mqtt", "passwd", "-b", file.toString(), "alice").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("mqtt", "passwd", file.toString(), "alice", "pw").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("mqtt", "passwd", "-b", file.toString(), "a:b", "pw").errLines()[0])
                .isEqualTo("error: a user name cannot contain ':'");
        assertThat(CliRun.of("mqtt", "passwd", "-b", "--iterations", "10", file.toString(), "a", "pw").exitCode())
                .isEqualTo(2);
        assertThat(file).doesNotExist();
    }

    @Test
    void withoutAConsoleThePromptModeSaysToUseBatchMode() {
        Path file = dir.resolve("passwd");
        CliRun run = CliRun.of("mqtt", "passwd", file.toString(), "alice");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: no console to ask the password on; use -b FILE USER PASSWORD");
    }
}
