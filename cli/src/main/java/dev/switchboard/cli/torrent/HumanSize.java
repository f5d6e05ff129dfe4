package dev.switchboard.cli.torrent;

import java.util.Locale;

/** Byte counts for people: {@code 512 B}, {@code 16.0 KiB}, {@code 1.5 GiB} (powers of 1024). */
final class HumanSize {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private HumanSize() {}

    static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
