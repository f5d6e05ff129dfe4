package dev.switchboard.cli.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliProcess;
import dev.switchboard.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqtt serve --password-file/--acl-file/--allow-anonymous}, and SIGHUP. */
class MqttServeAuthTest {
    @TempDir
    Path dir;

    private Path passwords() {
        Path file = dir.resolve("passwd");
        assertThat(CliRun.of("mqtt", "passwd", "-b", "--iterations", "1000", file.toString(), "alice", "pw").exitCode())
                .isZero();
        return file;
    }

    @Test
    void aMissingFileIsOneErrorLineNamingIt() {
        Path missing = dir.resolve("nope");
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--password-file", missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: password file " + missing + " does not exist or is not a file");
        CliRun acl = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--acl-file", missing.toString());
        assertThat(acl.errLines()).containsExactly("error: ACL file " + missing + " does not exist or is not a file");
    }

    @Test
    void aMalformedFileStopsTheStartWithFileLineAndReason() throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), "user alice\ntopic read ok/#\ntopic raed x\nallow everything\n");
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--password-file", passwords().toString(),
                "--acl-file", acl.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: " + acl
                + ":4: unknown keyword 'allow' (expected user, topic or pattern)");
        Path badPasswords = Files.writeString(dir.resolve("bad"), "bob\n");
        CliRun bad = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--password-file", badPasswords.toString());
        assertThat(bad.errLines()).containsExactly("error: " + badPasswords + ":1: expected NAME:$pbkdf2-sha512$...");
    }

    @Test
    void allowAnonymousTakesTrueOrFalse() {
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--allow-anonymous", "maybe");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()[0]).startsWith("error: ").contains("--allow-anonymous");
    }

    @Test
    void sighupReloadsTheFilesAndABrokenFileKeepsTheOldRules() throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), "user alice\ntopic read a/#\n");
        try (CliProcess cli = CliProcess.start(List.of("mqtt", "serve", "--in-memory", "--port", "0",
                "--sys-interval", "0",
                "--password-file", passwords().toString(), "--acl-file", acl.toString(), "--allow-anonymous", "false"))) {
            cli.awaitReady(Pattern.compile("mqtt listening on 127\\.0\\.0\\.1:(\\d+)"));
            Files.writeString(acl, "user alice\ntopic read a/#\ntopic read b/#\n");
            cli.signal("HUP");
            assertThat(cli.awaitLine("auth reloaded")).contains("1 users").contains("Acl[2 rules, 1 users]");
            Files.writeString(acl, "user alice\ntopic read a/#/c\n");
            cli.signal("HUP");
            assertThat(cli.awaitLine("auth reload failed"))
                    .contains("keeping the previous rules: " + acl + ":2: 'a/#/c' is not a valid topic filter");
            cli.interrupt();
            assertThat(cli.exitValue()).isEqualTo(130); // still running until SIGINT, as Ctrl-C leaves it
        }
    }
}
