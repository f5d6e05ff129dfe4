package dev.switchboard.mqtt.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A password file: one user a line, {@code NAME:$pbkdf2-sha512$ITERATIONS$SALT$HASH}; blank lines
 * and lines starting with {@code #} are ignored. A name is not empty and has no {@code :} and no
 * control characters. Immutable; {@link #with} and {@link #without} return changed copies and
 * {@link #write} replaces a file atomically (temporary file, mode 0600, then a move).
 */
public final class PasswordFile {
    private static final int MAX_LINE = 4096;
    private final Map<String, PasswordHash> users;

    private PasswordFile(Map<String, PasswordHash> users) {
        this.users = Collections.unmodifiableMap(users);
    }

    public static PasswordFile empty() {
        return new PasswordFile(new LinkedHashMap<>());
    }

    /** Reads {@code file}; a problem is reported as {@code FILE:LINE: reason}. */
    public static PasswordFile load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AuthFileException(file, 0, "no such file");
        } catch (IOException e) {
            throw new AuthFileException(file, 0, "cannot read: " + e.getMessage());
        }
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int n = i + 1;
            if (line.length() > MAX_LINE) {
                throw new AuthFileException(file, n, "line longer than " + MAX_LINE + " characters");
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new AuthFileException(file, n, "expected NAME:$" + PasswordHash.SCHEME + "$...");
            }
            String name = line.substring(0, colon);
            String problem = nameProblem(name);
            if (problem != null) {
                throw new AuthFileException(file, n, problem);
            }
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(line.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new AuthFileException(file, n, "user '" + name + "': " + e.getMessage());
            }
            if (users.putIfAbsent(name, hash) != null) {
                throw new AuthFileException(file, n, "user '" + name + "' appears twice");
            }
        }
        return new PasswordFile(users);
    }

    /** Why {@code name} cannot be a user name, or null when it can. */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "empty user name";
        }
        if (name.indexOf(':') >= 0) {
            return "a user name cannot contain ':'";
        }
        if (name.chars().anyMatch(Character::isISOControl) || !name.equals(name.strip())) {
            return "a user name cannot contain control characters or start or end with spaces";
        }
        if (name.startsWith("#")) {
            return "a user name cannot start with '#'";
        }
        return null;
    }

    public Optional<PasswordHash> lookup(String user) {
        return Optional.ofNullable(users.get(user));
    }

    public int size() {
        return users.size();
    }

    /** The highest iteration count in the file (the default for an empty file): what an unknown user costs. */
    public int maxIterations() {
        return users.values().stream().mapToInt(PasswordHash::iterations).max()
                .orElse(PasswordHash.DEFAULT_ITERATIONS);
    }

    public PasswordFile with(String user, PasswordHash hash) {
        String problem = nameProblem(user);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Map<String, PasswordHash> copy = new LinkedHashMap<>(users);
        copy.put(user, hash);
        return new PasswordFile(copy);
    }

    public PasswordFile without(String user) {
        Map<String, PasswordHash> copy = new LinkedHashMap<>(users);
        copy.remove(user);
        return new PasswordFile(copy);
    }

    /** The file's text, one {@code NAME:HASH} line per user in insertion order. */
    public String format() {
        StringBuilder text = new StringBuilder();
        users.forEach((name, hash) -> text.append(name).append(':').append(hash.encode()).append('\n'));
        return text.toString();
    }

    /** Replaces {@code file} atomically with this content, readable and writable by the owner only. */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the temporary file's default (owner-only on Windows) stays
            }
            Files.writeString(temp, format(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
