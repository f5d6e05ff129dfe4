package dev.switchboard.mqtt.auth;

import java.util.Locale;
import java.util.Optional;

/** What an ACL rule grants (or, for {@link #DENY}, takes away) on the topics its filter matches. */
public enum Access {
    READ, WRITE, READWRITE, DENY;

    boolean grantsRead() {
        return this == READ || this == READWRITE;
    }

    boolean grantsWrite() {
        return this == WRITE || this == READWRITE;
    }

    /** The access named by an ACL file keyword ({@code read}, {@code write}, {@code readwrite}, {@code deny}). */
    static Optional<Access> ofKeyword(String word) {
        for (Access a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(word)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
