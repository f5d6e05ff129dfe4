package dev.switchboard.mqtt.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code --recover} did to a damaged store file.
 *
 * @param file the store file, now holding every entry that could be read
 * @param damagedCopy where the damaged file was moved
 * @param kept entries copied, per map
 * @param dropped entries dropped, per map (damaged values; unreadable tails are in {@code problems})
 * @param problems one line per damaged entry or unreadable map, at most {@link #MAX_PROBLEMS}
 */
public record RecoveryReport(Path file, Optional<Path> damagedCopy, Map<String, Long> kept,
        Map<String, Long> dropped, List<String> problems) {
    /** Lines of {@link #problems} kept; the counts still cover everything. */
    public static final int MAX_PROBLEMS = 100;

    public RecoveryReport {
        kept = Map.copyOf(kept);
        dropped = Map.copyOf(dropped);
        problems = List.copyOf(problems);
    }

    public long keptTotal() {
        return kept.values().stream().mapToLong(Long::longValue).sum();
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for the log. */
    public String summary() {
        return "recovered " + file + ": kept " + keptTotal() + " entries " + kept + ", dropped " + droppedTotal()
                + " " + dropped + damagedCopy.map(p -> ", damaged file moved to " + p).orElse("")
                + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
    }
}
