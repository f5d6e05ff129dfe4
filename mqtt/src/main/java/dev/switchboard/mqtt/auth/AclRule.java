package dev.switchboard.mqtt.auth;

import java.util.Objects;

/**
 * One {@code topic} or {@code pattern} line of an ACL file. A pattern's filter may hold {@code %u}
 * (the user name) and {@code %c} (the client id), replaced per client by {@link ClientAcl}.
 *
 * @param line where it was written, for messages
 */
public record AclRule(Access access, String filter, boolean pattern, int line) {
    public AclRule {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(filter, "filter");
    }

    boolean needsUser() {
        return pattern && filter.contains("%u");
    }

    boolean needsClientId() {
        return pattern && filter.contains("%c");
    }
}
