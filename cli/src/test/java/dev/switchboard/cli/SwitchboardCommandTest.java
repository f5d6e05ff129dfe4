package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SwitchboardCommandTest {
    @Test
    void versionPrintsNameAndVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("switchboard \\d+\\.\\d+\\.\\d+\\S*\\n");
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("serve").contains("reqrep").contains("Usage: switchboard");
        assertThat(CliRun.of("reqrep", "--help").out()).contains("serve").contains("call").contains("bench");
    }

    @Test
    void anUnknownCommandOrFlagIsOneErrorLineAndExitCode2() {
        CliRun unknown = CliRun.of("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()[0]).startsWith("error: ").contains("frobnicate");
        assertThat(unknown.err()).doesNotContain("Exception").doesNotContain("\tat ");

        CliRun badFlag = CliRun.of("reqrep", "serve", "--port", "notaport");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.errLines()[0]).isEqualTo("error: Invalid value for option '--port': 'notaport' is not an int");

        CliRun badDuration = CliRun.of("reqrep", "serve", "--idle-timeout", "soon");
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.errLines()[0]).contains("'soon' is not a duration");
    }
}
