package dev.switchboard.cli.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliProcess;
import dev.switchboard.cli.CliRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracker serve} and {@code serve}: the listening line, clean stop, errors as one line. */
class TrackerServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("tracker listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTP and UDP\\)");
    private static final String SCRAPE = "/scrape?info_hash=" + "%01".repeat(20);

    @TempDir
    Path dir;

    @Test
    void portInUseIsOneErrorLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("tracker", "serve", "--port", String.valueOf(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errLines()).containsExactly("error: cannot listen on 127.0.0.1:" + port
                    + ": address already in use (is another server running on that port?)");
        }
    }

    @Test
    void aBadAllowListIsOneErrorLineNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("allow.txt"), "# mine\nnot-a-hash\n");
        CliRun run = CliRun.of("tracker", "serve", "--port", "0", "--allow-list", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "error: allow list " + file + " line 2: an info-hash has 40 hex digits, got 'not-a-hash'");
        CliRun missing = CliRun.of("tracker", "serve", "--allow-list", dir.resolve("nope").toString());
        assertThat(missing.errLines()).containsExactly("error: cannot read allow list " + dir.resolve("nope")
                + ": no such file");
    }

    @Test
    void badBoundsAreUsageErrors() {
        CliRun interval = CliRun.of("tracker", "serve", "--interval", "0s");
        assertThat(interval.exitCode()).isEqualTo(2);
        assertThat(interval.errLines()).containsExactly("error: announce interval must be at least 1s, got PT0S");
        CliRun peers = CliRun.of("tracker", "serve", "--max-peers-per-torrent", "0");
        assertThat(peers.exitCode()).isEqualTo(2);
        assertThat(peers.errLines()).containsExactly("error: max peers per torrent must be at least 1, got 0");
    }

    @Test
    void helpListsTheFlags() {
        CliRun run = CliRun.of("tracker", "serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--bind", "--port", "--interval", "--max-peers-per-torrent", "--allow-list",
                "default: 6969");
        assertThat(CliRun.of("--help").out()).contains("tracker");
        assertThat(CliRun.of("serve", "--help").out()).contains("--tracker-port", "tracker (BitTorrent");
    }

    @Test
    void trackerServeAnswersAndStopsCleanlyOnCtrlC() throws Exception {
        Path file = Files.writeString(dir.resolve("allow.txt"), "01".repeat(20) + "  # the test torrent\n");
        String log = runUntilInterrupted(List.of("tracker", "serve", "--port", "0", "--interval", "10m",
                "--allow-list", file.toString()));
        assertThat(log).contains("1 info-hashes from " + file).contains("announce interval 600 s");
    }

    @Test
    void serveStartsTheTrackerWithTheOtherServices() throws Exception {
        String log = runUntilInterrupted(List.of("serve", "--in-memory", "--reqrep-port", "0", "--mqtt-port", "0", "--tracker-port", "0"));
        assertThat(log).contains("reqrep listening on 127.0.0.1:");
    }

    /** Starts the CLI in a JVM of its own, scrapes the tracker it reports, then sends SIGINT; returns the log. */
    private static String runUntilInterrupted(List<String> args) throws Exception {
        try (CliProcess cli = CliProcess.start(args)) {
            int port = cli.awaitReady(LISTENING);
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SCRAPE))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            assertThat(scrape.body()).startsWith("d5:filesd20:");
            String log = cli.interrupt();
            assertThat(log).contains("stopping").contains("tracker on 127.0.0.1:").doesNotContain("Exception");
            assertThat(cli.exitValue()).isEqualTo(130);
            return log;
        }
    }
}
