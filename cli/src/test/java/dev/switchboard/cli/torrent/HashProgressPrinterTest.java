package dev.switchboard.cli.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Progress on stderr: a bar redrawn in place on a terminal, a line every few seconds elsewhere. */
class HashProgressPrinterTest {
    private static final long MIB = 1024 * 1024;

    private final SettableClock clock = new SettableClock();
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text, true);

    @Test
    void withoutATerminalALineEveryFiveSeconds() {
        HashProgressPrinter printer = new HashProgressPrinter(err, false, clock);
        clock.advance(Duration.ofSeconds(4));
        printer.update(10 * MIB, 100 * MIB);
        assertThat(text.toString()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        printer.update(50 * MIB, 100 * MIB);
        clock.advance(Duration.ofSeconds(1));
        printer.update(60 * MIB, 100 * MIB); // only 1 s after the last line
        clock.advance(Duration.ofSeconds(4));
        printer.update(100 * MIB, 100 * MIB);
        printer.finish();

        assertThat(text.toString()).isEqualTo(
                "hashing:  50% (50.0 MiB of 100.0 MiB), 10.0 MiB/s\n"
                + "hashing: 100% (100.0 MiB of 100.0 MiB), 10.0 MiB/s\n"
                + "hashed 100.0 MiB in 10.0 s, 10.0 MiB/s\n");
    }

    @Test
    void onATerminalABarRedrawnInPlace() {
        HashProgressPrinter printer = new HashProgressPrinter(err, true, clock);
        printer.update(1, 100); // too soon after the start to draw
        clock.advance(Duration.ofSeconds(2));
        printer.update(25 * MIB, 100 * MIB);
        clock.advance(Duration.ofMillis(50));
        printer.update(26 * MIB, 100 * MIB); // too soon after the last redraw
        clock.advance(Duration.ofMillis(1950));
        printer.update(100 * MIB, 100 * MIB);
        printer.finish();

        String bar = "\rhashing [%s] %3d%%  %s   ";
        assertThat(text.toString()).isEqualTo(
                String.format(bar, "#".repeat(7) + " ".repeat(23), 25, "12.5 MiB/s")
                + String.format(bar, "#".repeat(30), 100, "25.0 MiB/s")
                + String.format(bar, "#".repeat(30), 100, "25.0 MiB/s") + "\n"
                + "hashed 100.0 MiB in 4.0 s, 25.0 MiB/s\n");
    }

    @Test
    void humanSizes() {
        assertThat(HumanSize.of(0)).isEqualTo("0 B");
        assertThat(HumanSize.of(1023)).isEqualTo("1023 B");
        assertThat(HumanSize.of(1024)).isEqualTo("1.0 KiB");
        assertThat(HumanSize.of(1536 * MIB)).isEqualTo("1.5 GiB");
        assertThat(HumanSize.of(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }
}
