package dev.switchboard.mqtt.auth;

/**
 * The outcome of checking a CONNECT's credentials.
 *
 * @param user the verified user name; null for an anonymous client and for every refusal
 */
public record Login(Outcome outcome, String user) {
    public enum Outcome {
        /** User name and password match the password file. */
        ACCEPTED,
        /** No verified user name, and anonymous clients are allowed. */
        ANONYMOUS,
        /** Unknown user or wrong password: CONNACK 0x86 (MQTT 5) / 0x05 (3.1.1), after the back-off. */
        BAD_CREDENTIALS,
        /** No verified user name, and anonymous clients are refused: CONNACK 0x87 / 0x05. */
        ANONYMOUS_REFUSED,
        /** Too many logins waiting for a hash check: CONNACK 0x89 Server busy / 0x03. */
        BUSY
    }

    static final Login ANONYMOUS = new Login(Outcome.ANONYMOUS, null);
    static final Login BAD_CREDENTIALS = new Login(Outcome.BAD_CREDENTIALS, null);
    static final Login ANONYMOUS_REFUSED = new Login(Outcome.ANONYMOUS_REFUSED, null);
    static final Login BUSY = new Login(Outcome.BUSY, null);

    static Login accepted(String user) {
        return new Login(Outcome.ACCEPTED, user);
    }

    public boolean admitted() {
        return outcome == Outcome.ACCEPTED || outcome == Outcome.ANONYMOUS;
    }
}
