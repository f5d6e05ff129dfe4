package dev.switchboard.cli.reqrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliRun;
import dev.switchboard.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code reqrep serve} and {@code serve}: start, answer, stop cleanly on Ctrl-C; clear errors. */
class ReqRepServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("reqrep listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void portInUseIsOneErrorLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("reqrep", "serve", "--port", String.valueOf(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("error: cannot listen on 127.0.0.1:" + port
                    + ": address already in use (is another server running on that port?)");
            assertThat(run.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void serveStartsEveryServiceAndStopsCleanlyOnCtrlC() throws Exception {
        String log = runUntilInterrupted(List.of("serve", "--reqrep-port", "0", "--mqtt-port", "0",
                "--tracker-port", "0"));
        assertThat(log).contains("reqrep listening on 127.0.0.1:").contains("mqtt listening on 127.0.0.1:")
                .contains("tracker listening on 127.0.0.1:");
    }

    @Test
    void reqrepServeStopsCleanlyOnCtrlC() throws Exception {
        runUntilInterrupted(List.of("reqrep", "serve", "--port", "0"));
    }

    private static String runUntilInterrupted(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int port = -1;
            String line;
            while (port < 0 && (line = lines.readLine()) != null) {
                seen.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("listening line in %s", seen).isPositive();
            assertThat(CliRun.of("reqrep", "call", "127.0.0.1:" + port, "hi").out()).isEqualTo("Hello, client!\n");

            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGINT").isTrue();
            while ((line = lines.readLine()) != null) {
                seen.add(line);
            }
        } finally {
            process.destroyForcibly();
        }
        assertThat(String.join("\n", seen)).contains("ready; press Ctrl-C to stop").contains("stopping")
                .contains("stopped").doesNotContain("Exception");
        assertThat(process.exitValue()).isEqualTo(130);
        return String.join("\n", seen);
    }
}
