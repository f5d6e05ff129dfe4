package dev.switchboard.cli.reqrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliRun;
import dev.switchboard.testkit.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code reqrep call --raw} against the seed's own Python server, run with python3. */
class SeedServerTest {
    @Test
    void rawCallGetsTheSeedServersAnswer() throws Exception {
        int port = FreePorts.find();
        Path script = Path.of(SeedServerTest.class.getResource("/seed/seed_server.py").toURI());
        Process python = new ProcessBuilder("python3", script.toString(), String.valueOf(port))
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("Waiting for a client connection...");

            CliRun run = CliRun.of("reqrep", "call", "127.0.0.1:" + port, "--raw", "Hello, server!");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("Hello, client!\n");
            assertThat(lines.readLine()).matches("Received data from \\('127\\.0\\.0\\.1', \\d+\\) : b'Hello, server!'");
        } finally {
            python.destroyForcibly().waitFor();
        }
    }
}
