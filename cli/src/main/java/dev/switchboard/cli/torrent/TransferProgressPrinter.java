package dev.switchboard.cli.torrent;

import dev.switchboard.torrent.client.TorrentStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;

/**
 * Shows a download's progress: on a terminal one bar redrawn in place at most every {@value
 * #REDRAW_MILLIS} ms ({@code [#####     ]  50%  12.0 MiB of 24.0 MiB  3.1 MiB/s  ETA 4 s  2 peers});
 * otherwise (a pipe, a log file) a plain {@code progress:} line every {@value #LINE_SECONDS} s. {@link
 * #complete} prints the final line, stable for scripts: {@code complete: NAME SIZE in 12.3 s (avg 45.6 MiB/s)}.
 */
final class TransferProgressPrinter {
    static final long REDRAW_MILLIS = 250;
    static final long LINE_SECONDS = 5;
    private static final int BAR_WIDTH = 30;
    private static final double MIB = 1024 * 1024;

    private final PrintWriter out;
    private final boolean terminal;
    private final Clock clock;
    private final long startMillis;
    private long lastShownMillis;
    private boolean drawn;

    TransferProgressPrinter(PrintWriter out, boolean terminal, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.startMillis = clock.millis();
        this.lastShownMillis = startMillis;
    }

    void update(TorrentStatus status) {
        long now = clock.millis();
        if (terminal && now - lastShownMillis >= REDRAW_MILLIS) {
            lastShownMillis = now;
            drawn = true;
            int filled = (int) (BAR_WIDTH * fraction(status));
            out.printf(Locale.ROOT, "\r[%s%s] %3d%%  %s of %s  %s  ETA %s  %d peers   ", "#".repeat(filled),
                    " ".repeat(BAR_WIDTH - filled), percent(status), HumanSize.of(status.bytesHave()),
                    HumanSize.of(status.totalBytes()), rate(status.downloadRate()), eta(status), status.peers());
            out.flush();
        } else if (!terminal && now - lastShownMillis >= LINE_SECONDS * 1000) {
            lastShownMillis = now;
            out.printf(Locale.ROOT, "progress: %d%% (%s of %s), %s, ETA %s, %d peers%n", percent(status),
                    HumanSize.of(status.bytesHave()), HumanSize.of(status.totalBytes()), rate(status.downloadRate()),
                    eta(status), status.peers());
            out.flush();
        }
    }

    /** Ends the bar and prints {@code complete: NAME SIZE in T s (avg R MiB/s)}. */
    void complete(TorrentStatus status) {
        if (drawn) {
            out.println();
        }
        double seconds = Math.max(1, clock.millis() - startMillis) / 1000.0;
        out.printf(Locale.ROOT, "complete: %s %s in %.1f s (avg %.1f MiB/s)%n", TerminalText.of(status.name()),
                HumanSize.of(status.totalBytes()), seconds, status.downloaded() / seconds / MIB);
        out.flush();
    }

    /** Ends the bar, if one was drawn, so that what follows starts on a line of its own. */
    void stop() {
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }

    static String rate(long bytesPerSecond) {
        return String.format(Locale.ROOT, "%.1f MiB/s", bytesPerSecond / MIB);
    }

    static int percent(TorrentStatus status) {
        return (int) (100 * fraction(status));
    }

    private static double fraction(TorrentStatus status) {
        return status.totalBytes() == 0 ? 1 : (double) status.bytesHave() / status.totalBytes();
    }

    private static String eta(TorrentStatus status) {
        if (status.left() == 0) {
            return "0 s";
        }
        if (status.downloadRate() <= 0) {
            return "?";
        }
        long seconds = status.left() / status.downloadRate();
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }
}
