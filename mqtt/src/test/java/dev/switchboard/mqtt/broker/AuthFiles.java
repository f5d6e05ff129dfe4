package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.auth.PasswordFile;
import dev.switchboard.mqtt.auth.PasswordHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Password and ACL files for broker tests (cheap hashes: 1,000 iterations). */
final class AuthFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthFiles() {
    }

    /** {@code users}: name, password, name, password, ... */
    static Path passwords(Path dir, String... users) throws IOException {
        PasswordFile file = PasswordFile.empty();
        for (int i = 0; i < users.length; i += 2) {
            file = file.with(users[i], PasswordHash.create(users[i + 1].toCharArray(), PasswordHash.MIN_ITERATIONS,
                    RANDOM));
        }
        Path path = dir.resolve("passwd");
        file.write(path);
        return path;
    }

    static Path acl(Path dir, String... lines) throws IOException {
        return Files.write(dir.resolve("acl"), java.util.List.of(lines));
    }
}
