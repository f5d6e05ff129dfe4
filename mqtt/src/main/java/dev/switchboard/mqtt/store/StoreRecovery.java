package dev.switchboard.mqtt.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --recover}: copies every readable, undamaged entry of a damaged store file into a fresh
 * one, moves the damaged file aside to {@code <file>.damaged-<timestamp>} and puts the fresh one
 * in its place. The damaged file is opened read-only in MVStore's recovery mode, which falls back
 * to the newest chunk that reads back whole; when even that fails, nothing is kept and the report
 * says so. A file written by a newer format is never touched.
 */
public final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private StoreRecovery() {
    }

    /** Recovers the store file of {@code config}, which must exist. */
    public static RecoveryReport recover(StoreConfig config, Clock clock) {
        Path file = config.file();
        Path fresh = file.resolveSibling(file.getFileName() + ".recovering");
        Collector collector = new Collector();
        try {
            Files.deleteIfExists(fresh);
            MVStore target = StoreFile.builder(fresh, config.cacheSizeMiB()).open();
            try {
                StoreFile.checkFormatVersion(fresh, target, false);
                collector.target = target;
                copyReadable(file, config.cacheSizeMiB(), collector);
                target.commit();
            } finally {
                target.close();
            }
            Path damaged = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()));
            Files.move(file, damaged);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            RecoveryReport report = new RecoveryReport(file, Optional.of(damaged), collector.kept,
                    collector.dropped, collector.problems);
            LOG.warn(report.summary());
            return report;
        } catch (IOException e) {
            throw new StoreException("cannot recover store file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void copyReadable(Path file, int cacheSizeMiB, Collector collector) {
        MVStore source;
        try {
            source = StoreFile.openMVStore(file, cacheSizeMiB, true);
        } catch (StoreCorruptedException e) {
            collector.problem("the whole file is unreadable, nothing kept: " + e.getCause().getMessage());
            return;
        }
        try {
            try {
                StoreFile.checkFormatVersion(file, source, true);
            } catch (StoreCorruptedException e) {
                collector.problem("format version missing or unreadable; reading as version "
                        + StoreLayout.FORMAT_VERSION);
            }
            EntryWalk.walk(source, collector, false);
        } finally {
            source.closeImmediately();
        }
    }

    /** Copies the good entries and counts the rest. */
    private static final class Collector implements EntryWalk.Sink {
        private final Map<String, Long> kept = new TreeMap<>();
        private final Map<String, Long> dropped = new TreeMap<>();
        private final List<String> problems = new ArrayList<>();
        private MVStore target;

        @Override
        public void good(String map, String key, byte[] value) {
            MVMap<String, byte[]> to = target.openMap(map, StoreLayout.dataMap());
            to.put(key, value);
            kept.merge(map, 1L, Long::sum);
        }

        @Override
        public void bad(String map, String key, String reason) {
            dropped.merge(map, 1L, Long::sum);
            problem("dropped " + map + " '" + StoreFile.printable(key) + "': " + reason);
        }

        @Override
        public void unreadable(String map, long readSoFar, String reason) {
            problem("map " + map + " unreadable after " + readSoFar + " entries, the rest dropped: " + reason);
        }

        void problem(String line) {
            if (problems.size() < RecoveryReport.MAX_PROBLEMS) {
                problems.add(line);
            }
        }
    }
}
