package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.InfoHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The torrents a tracker serves: every one, or only the info-hashes of an allow-list file. The file
 * has one info-hash a line as 40 hex digits; blank lines and everything after a {@code #} are ignored.
 */
public final class AllowList {
    /** Lines longer than this are not info-hashes; refusing them bounds what a bad file can cost. */
    static final int MAX_LINE_LENGTH = 1024;
    /** Larger files are refused before they are read. */
    static final long MAX_FILE_SIZE = 64L * 1024 * 1024;
    private static final AllowList EVERYTHING = new AllowList(null, "every torrent");

    private final Set<InfoHash> allowed;
    private final String description;

    private AllowList(Set<InfoHash> allowed, String description) {
        this.allowed = allowed;
        this.description = description;
    }

    /** Allows every torrent. */
    public static AllowList everything() {
        return EVERYTHING;
    }

    /** Allows exactly {@code hashes}. */
    public static AllowList of(Set<InfoHash> hashes) {
        return new AllowList(Set.copyOf(hashes), hashes.size() + " info-hashes");
    }

    /**
     * Reads an allow-list file.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad entry, or why the
     *     file cannot be read
     */
    public static AllowList load(Path file, int maxEntries) {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new IllegalArgumentException("allow list " + file + " is larger than 64 MiB");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read allow list " + file + ": " + reason(e));
        }
        Set<InfoHash> hashes = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = "allow list " + file + " line " + (i + 1);
            if (line.length() > MAX_LINE_LENGTH) {
                throw new IllegalArgumentException(where + ": line longer than " + MAX_LINE_LENGTH + " characters");
            }
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                hashes.add(InfoHash.fromHex(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (hashes.size() > maxEntries) {
                throw new IllegalArgumentException(where + ": more than " + maxEntries + " info-hashes");
            }
        }
        return new AllowList(Set.copyOf(hashes), hashes.size() + " info-hashes from " + file);
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return "not a text file";
        }
        return String.valueOf(cause.getMessage());
    }

    public boolean allows(InfoHash infoHash) {
        return allowed == null || allowed.contains(infoHash);
    }

    /** False when every torrent is allowed. */
    public boolean isRestricted() {
        return allowed != null;
    }

    public int size() {
        return allowed == null ? 0 : allowed.size();
    }

    @Override
    public String toString() {
        return description;
    }
}
