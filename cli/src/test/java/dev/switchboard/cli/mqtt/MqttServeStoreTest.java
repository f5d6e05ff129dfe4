package dev.switchboard.cli.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliProcess;
import dev.switchboard.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqtt serve --data-dir/--fsync/--commit-interval/--recover}: a damaged store file and its repair. */
class MqttServeStoreTest {
    private static final Pattern LISTENING = Pattern.compile("mqtt listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private Path damagedStoreFile() throws Exception {
        return Files.write(dir.resolve("broker.mv.db"), new byte[1000]); // not a whole 4096-byte block
    }

    @Test
    void aDamagedStoreFileIsOneErrorLineNamingTheFileAndRecover() throws Exception {
        Path file = damagedStoreFile();
        CliRun run = CliRun.of("mqtt", "serve", "--port", "0", "--data-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines()[0]).startsWith("error: store file " + file + " is damaged").contains("--recover");
        assertThat(Files.size(file)).as("left untouched").isEqualTo(1000);
    }

    @Test
    void recoverMovesTheDamagedFileAsideAndStarts() throws Exception {
        damagedStoreFile();
        try (CliProcess cli = CliProcess.start(List.of("mqtt", "serve", "--port", "0", "--sys-interval", "0",
                "--data-dir", dir.toString(), "--recover"))) {
            assertThat(cli.awaitReady(LISTENING)).isPositive();
            String log = cli.interrupt();
            assertThat(log).contains("recovered " + dir.resolve("broker.mv.db"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("broker.mv.db.damaged-")).contains("broker.mv.db");
        }
    }

    @Test
    void badStoreFlagsAreRefusedWithOneLine() {
        CliRun fsync = CliRun.of("mqtt", "serve", "--port", "0", "--data-dir", dir.toString(), "--fsync", "sometimes");
        assertThat(fsync.exitCode()).isEqualTo(2);
        assertThat(fsync.errLines()[0]).startsWith("error: ").contains("--fsync must be always, periodic or never");
        CliRun interval = CliRun.of("mqtt", "serve", "--port", "0", "--data-dir", dir.toString(), "--fsync",
                "periodic", "--commit-interval", "1ms");
        // a value the converter reads but the broker's config refuses: exit 1, as for every such flag
        assertThat(interval.exitCode()).isEqualTo(1);
        assertThat(interval.errLines()).containsExactly("error: --commit-interval must be 10ms..1h, got PT0.001S");
    }

    @Test
    void theStateSurvivesAStopAndStart() throws Exception {
        try (CliProcess cli = CliProcess.start(List.of("mqtt", "serve", "--port", "0", "--sys-interval", "0",
                "--data-dir", dir.toString()))) {
            cli.awaitReady(LISTENING);
            cli.interrupt();
        }
        assertThat(dir.resolve("broker.mv.db")).exists();
        try (CliProcess cli = CliProcess.start(List.of("mqtt", "serve", "--port", "0", "--sys-interval", "0",
                "--data-dir", dir.toString(), "--fsync", "periodic", "--commit-interval", "100ms"))) {
            cli.awaitReady(LISTENING);
            assertThat(cli.interrupt()).contains("loaded in");
        }
    }
}
