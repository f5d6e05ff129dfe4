package dev.switchboard.mqtt.auth;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who may connect and what they may do: the password file, the ACL file (none: every topic is
 * open) and whether clients without a verified user name are let in.
 *
 * @param passwordFile {@code NAME:$pbkdf2-sha512$...} lines; without one no user name is verified,
 *     so every client counts as anonymous
 * @param aclFile Mosquitto-style rules; without one everything is allowed
 * @param allowAnonymous whether a client without a verified user name may connect
 */
public record AuthSettings(Optional<Path> passwordFile, Optional<Path> aclFile, boolean allowAnonymous) {
    public AuthSettings {
        passwordFile.ifPresent(f -> requireReadable(f, "password file"));
        aclFile.ifPresent(f -> requireReadable(f, "ACL file"));
    }

    /** No files; anonymous clients allowed. */
    public static AuthSettings open() {
        return new AuthSettings(Optional.empty(), Optional.empty(), true);
    }

    /**
     * Mosquitto 2's default: anonymous clients are allowed only while the broker listens on a
     * loopback address alone; as soon as it binds any other address they are refused.
     */
    public static boolean defaultAllowAnonymous(String bindHost) {
        if (bindHost.equals("localhost")) {
            return true;
        }
        if (!bindHost.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false; // a host name: do not resolve it here; assume it is reachable from elsewhere
        }
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " " + file + " is not readable");
        }
    }
}
