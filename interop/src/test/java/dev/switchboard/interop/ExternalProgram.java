package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A third-party program run by a test: its standard output and error are read line by line as they
 * come, so a test can wait for a line (Awaitility, never a sleep), wait for the exit, or kill it.
 * Closing it kills it if it still runs.
 */
public final class ExternalProgram implements AutoCloseable {
    /** How long a program may take to print what a test waits for or to exit. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<String> command;
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private ExternalProgram(List<String> command) {
        this.command = List.copyOf(command);
        try {
            this.process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            process.getOutputStream().close(); // none of the programs reads standard input
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.outReader = reader(process.getInputStream(), out, "out");
        this.errReader = reader(process.getErrorStream(), err, "err");
    }

    public static ExternalProgram start(List<String> command) {
        return new ExternalProgram(command);
    }

    private Thread reader(InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed; what was read is kept
            }
        }, command.get(0) + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Lines printed on standard output so far. */
    public List<String> lines() {
        return List.copyOf(out);
    }

    /** Lines printed on standard error so far. */
    public List<String> errors() {
        return List.copyOf(err);
    }

    /** Waits until some output line satisfies {@code condition}; fails early if the program ends first. */
    public void awaitLine(Predicate<String> condition, String description) {
        awaitOutput(description, () -> {
            if (out.stream().anyMatch(condition)) {
                return true;
            }
            if (!process.isAlive() && !outReader.isAlive()) {
                throw new AssertionError(this + " exited with " + process.exitValue() + " before printing "
                        + description + "; output " + out + "; errors " + err);
            }
            return false;
        });
    }

    /** Waits until at least {@code n} output lines were printed. */
    public List<String> awaitLines(int n) {
        awaitOutput(n + " lines", () -> out.size() >= n);
        return lines();
    }

    private void awaitOutput(String what, Callable<Boolean> condition) {
        try {
            await(what + " from " + this).atMost(PATIENCE).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; output " + out + "; errors " + err
                    + (process.isAlive() ? "" : "; exited with " + process.exitValue()), e);
        }
    }

    /** Waits for the program to end by itself and returns its exit code, all output read. */
    public int awaitExit() {
        return awaitExit(PATIENCE);
    }

    /** Waits at most {@code patience} for the program to end by itself and returns its exit code. */
    public int awaitExit(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(this + " still running after " + patience + "; output " + out
                        + "; errors " + err);
            }
            outReader.join(PATIENCE.toMillis());
            errReader.join(PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + this, e);
        }
        return process.exitValue();
    }

    /** Waits for the program to end with exit code 0 and returns its output lines. */
    public List<String> awaitSuccess() {
        return awaitSuccess(PATIENCE);
    }

    /** Waits at most {@code patience} for the program to end with exit code 0 and returns its output lines. */
    public List<String> awaitSuccess(Duration patience) {
        int code = awaitExit(patience);
        assertThat(code).as("exit code of %s; errors %s; output %s", this, err, out).isZero();
        return lines();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the program at once (SIGKILL): it gets no chance to say goodbye on its connections. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command.size() > 12 ? command.subList(0, 12) : command);
    }
}
