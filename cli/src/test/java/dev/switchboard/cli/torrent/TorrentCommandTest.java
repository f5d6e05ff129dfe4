package dev.switchboard.cli.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code switchboard torrent} is registered and lists its subcommands. */
class TorrentCommandTest {
    @Test
    void listedInHelpWithItsSubcommands() {
        assertThat(CliRun.of("--help").out()).contains("torrent");
        CliRun run = CliRun.of("torrent");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: switchboard torrent").contains("create").contains("info");
        assertThat(CliRun.of("torrent", "create", "--help").out())
                .contains("--tracker=ANNOUNCE_URL").contains("--piece-size=auto|SIZE").contains("--private")
                .contains("--comment=TEXT").contains("--output=FILE.torrent").contains("--force");
    }
}
