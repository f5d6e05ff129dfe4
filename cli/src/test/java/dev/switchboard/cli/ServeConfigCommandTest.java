package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --config} and {@code mqtt serve --config}, end to end. */
class ServeConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void serveTakesEveryServiceFromTheFileAndTheFlagsOverIt() throws Exception {
        Path file = Files.writeString(dir.resolve("switchboard.yaml"), """
                reqrep:
                  port: 0
                mqtt:
                  bind: 192.0.2.1        # not this host's: the --bind flag must win
                  port: 0
                  sys-interval: 0
                  limits:
                    max-connections-per-address: 1
                  store:
                    in-memory: true      # nothing written into the working directory
                tracker:
                  port: 0
                """);
        try (CliProcess cli = CliProcess.start(List.of("serve", "--config", file.toString(), "--bind", "127.0.0.1"))) {
            int port = cli.awaitReady(Pattern.compile("mqtt listening on 127\\.0\\.0\\.1:(\\d+)"));
            try (RawClient first = RawClient.connect("127.0.0.1", port)) {
                first.sendHex("10 0e 0004 4d515454 04 02 003c 0002 6331").expectHex("20 02 00 00");
                try (RawClient second = RawClient.connect("127.0.0.1", port)) {
                    assertThat(second.isClosedByPeer()).isTrue(); // the file's per-address limit
                }
            }
            assertThat(cli.awaitLine("refused connection")).contains("(--max-connections-per-address)");
            cli.interrupt();
        }
    }

    @Test
    void mqttServeStopsOnABadFileNamingLineAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("switchboard.yaml"),
                "# broker\nmqtt:\n  port: 0\n  limits:\n    max-conections: 5\n");
        CliRun run = CliRun.of("mqtt", "serve", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("error: " + file
                + ":5: unknown key 'mqtt.limits.max-conections' (did you mean 'max-connections'?)");
        Files.writeString(file, "mqtt:\n  port: 0\n  limits:\n    max-topic-levels: many\n");
        CliRun bad = CliRun.of("mqtt", "serve", "--config", file.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines()).containsExactly("error: " + file
                + ":4: mqtt.limits.max-topic-levels: expected a whole number, got 'many'");
    }

    @Test
    void serveStopsOnABadValueOfAnyServiceBeforeAnythingListens() throws Exception {
        Path file = Files.writeString(dir.resolve("switchboard.yaml"), "tracker:\n  max-torrents: 0\n");
        CliRun run = CliRun.of("serve", "--config", file.toString(), "--reqrep-port", "0", "--mqtt-port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines()[0]).startsWith("error: " + file + ":2: tracker.max-torrents: ");
        assertThat(CliRun.of("serve", "--config", dir.resolve("missing.yaml").toString()).errLines())
                .containsExactly("error: " + dir.resolve("missing.yaml") + ": no such file (--config)");
    }

    @Test
    void mqttServeTakesTheLimitFlags() {
        CliRun run = CliRun.of("mqtt", "serve", "--port", "0", "--max-topic-levels", "0");
        assertThat(run.exitCode()).isEqualTo(1); // as every mqtt serve value the broker refuses
        assertThat(run.errLines()).containsExactly("error: max topic levels must be 1-65535, got 0");
    }
}
