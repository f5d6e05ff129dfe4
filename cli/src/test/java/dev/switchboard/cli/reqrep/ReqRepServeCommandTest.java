package dev.switchboard.cli.reqrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliProcess;
import dev.switchboard.cli.CliRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
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
        String log = runUntilInterrupted(List.of("serve", "--in-memory", "--reqrep-port", "0", "--mqtt-port", "0",
                "--tracker-port", "0"));
        assertThat(log).contains("reqrep listening on 127.0.0.1:").contains("mqtt listening on 127.0.0.1:")
                .contains("tracker listening on 127.0.0.1:");
    }

    @Test
    void reqrepServeStopsCleanlyOnCtrlC() throws Exception {
        runUntilInterrupted(List.of("reqrep", "serve", "--port", "0"));
    }

    private static String runUntilInterrupted(List<String> args) throws Exception {
        try (CliProcess cli = CliProcess.start(args)) {
            int port = cli.awaitReady(LISTENING);
            assertThat(CliRun.of("reqrep", "call", "127.0.0.1:" + port, "hi").out()).isEqualTo("Hello, client!\n");
            String log = cli.interrupt();
            assertThat(log).contains("ready; press Ctrl-C to stop").contains("stopping").contains("stopped")
                    .doesNotContain("Exception");
            assertThat(cli.exitValue()).isEqualTo(130);
            return log;
        }
    }
}
