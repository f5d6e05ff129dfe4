package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI in a JVM of its own, for the long-running commands (serve): reads its log as it runs
 * and stops it with SIGINT, as Ctrl-C would.
 */
public final class CliProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader lines;
    private final List<String> seen = new ArrayList<>();

    private CliProcess(Process process) {
        this.process = process;
        this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static CliProcess start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return new CliProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Reads log lines up to the ready line; returns the first group of {@code listening} seen on the way. */
    public int awaitReady(Pattern listening) throws IOException {
        int port = -1;
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
            Matcher m = listening.matcher(line);
            if (port < 0 && m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            if (line.contains("ready; press Ctrl-C to stop")) {
                break;
            }
        }
        assertThat(port).as("listening line in %s", seen).isPositive();
        return port;
    }

    /** Reads output lines until one contains {@code text}, and returns it. */
    public String awaitLine(String text) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("no line with '" + text + "' in " + seen);
    }

    /** Sends SIGINT, waits for the process to stop, and returns everything it logged. */
    public String interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGINT").isTrue();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
        }
        return String.join("\n", seen);
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        lines.close();
    }
}
