package dev.switchboard.cli.torrent;

import dev.switchboard.torrent.metainfo.HashingProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows hashing progress on stderr: on a terminal, one bar redrawn in place ({@code hashing
 * [#####     ]  50%  123.4 MiB/s}) at most every {@value #REDRAW_MILLIS} ms; otherwise (a pipe, a log
 * file, CI) a plain line every {@value #LINE_SECONDS} s. Either way {@link #finish()} ends with the
 * total and the average rate. Updates come from hashing threads one at a time.
 */
final class HashProgressPrinter implements HashingProgress {
    static final long REDRAW_MILLIS = 100;
    static final long LINE_SECONDS = 5;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;
    private final long startMillis;
    private long lastShownMillis;
    private long hashed;
    private long total;

    HashProgressPrinter(PrintWriter err, boolean terminal, Clock clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.startMillis = clock.millis();
        this.lastShownMillis = startMillis;
    }

    /** Returns whether stderr is a terminal (see {@link Terminal#stdoutIsTerminal()}). */
    static boolean stderrIsTerminal() {
        return Terminal.stdoutIsTerminal();
    }

    @Override
    public synchronized void update(long hashedBytes, long totalBytes) {
        hashed = hashedBytes;
        total = totalBytes;
        long now = clock.millis();
        if (terminal && now - lastShownMillis >= REDRAW_MILLIS) {
            lastShownMillis = now;
            drawBar(now);
        } else if (!terminal && now - lastShownMillis >= LINE_SECONDS * 1000) {
            lastShownMillis = now;
            err.printf(Locale.ROOT, "hashing: %3d%% (%s of %s), %s%n",
                    percent(), HumanSize.of(hashed), HumanSize.of(total), rate(now));
            err.flush();
        }
    }

    /** Prints the final state: the full bar, or one summary line. */
    synchronized void finish() {
        long now = clock.millis();
        if (terminal) {
            drawBar(now);
            err.println();
        }
        err.printf(Locale.ROOT, "hashed %s in %.1f s, %s%n", HumanSize.of(hashed),
                Duration.ofMillis(now - startMillis).toMillis() / 1000.0, rate(now));
        err.flush();
    }

    private void drawBar(long now) {
        int filled = (int) (BAR_WIDTH * fraction());
        err.printf(Locale.ROOT, "\rhashing [%s%s] %3d%%  %s   ",
                "#".repeat(filled), " ".repeat(BAR_WIDTH - filled), percent(), rate(now));
        err.flush();
    }

    private double fraction() {
        return total == 0 ? 1 : (double) hashed / total;
    }

    private int percent() {
        return (int) (100 * fraction());
    }

    private String rate(long now) {
        double seconds = Math.max(1, now - startMillis) / 1000.0;
        return String.format(Locale.ROOT, "%.1f MiB/s", hashed / seconds / (1024 * 1024));
    }
}
