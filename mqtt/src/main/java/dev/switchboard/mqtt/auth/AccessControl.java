package dev.switchboard.mqtt.auth;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's authentication and authorisation: the {@link Authenticator} (passwords), the
 * {@link Authorizer} (ACL) and the per-address {@link LoginBackoff}, loaded from
 * {@link AuthSettings}. {@link #reload} reads both files again; when either fails to parse, the old
 * rules stay and the problem is logged with file and line. Thread-safe.
 */
public final class AccessControl implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    private final AuthSettings settings;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final LoginBackoff backoff;

    private AccessControl(AuthSettings settings, Authenticator authenticator, Authorizer authorizer,
            LoginBackoff backoff) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.backoff = backoff;
    }

    /**
     * Loads the files named in {@code settings}.
     *
     * @throws AuthFileException when a file cannot be read or parsed: {@code FILE:LINE: reason}
     */
    public static AccessControl load(AuthSettings settings, Clock clock) {
        PasswordFile passwords = settings.passwordFile().map(PasswordFile::load).orElse(null);
        Acl acl = settings.aclFile().map(AclParser::load).orElse(Acl.ALLOW_ALL);
        if (passwords == null && !settings.allowAnonymous()) {
            LOG.warn("anonymous clients are refused and there is no password file: every client will be refused"
                    + " (give --password-file, or --allow-anonymous true)");
        }
        Authenticator authenticator = new Authenticator(passwords, settings.allowAnonymous(),
                Authenticator.DEFAULT_THREADS, Authenticator.DEFAULT_QUEUE);
        return new AccessControl(settings, authenticator, new Authorizer(acl), new LoginBackoff(clock));
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    public LoginBackoff backoff() {
        return backoff;
    }

    /** A one-line summary for the start-up log. */
    public String describe() {
        return "auth: " + settings.passwordFile().map(f -> "password file " + f).orElse("no password file")
                + ", " + settings.aclFile().map(f -> "ACL file " + f).orElse("no ACL (all topics open)")
                + ", anonymous " + (settings.allowAnonymous() ? "allowed" : "refused");
    }

    /**
     * Reads the password and ACL files again and swaps them in; connections stay. Returns false (and
     * logs {@code FILE:LINE: reason}) when a file fails, in which case nothing changes.
     */
    public boolean reload() {
        PasswordFile passwords;
        Optional<Acl> acl;
        try {
            passwords = settings.passwordFile().map(PasswordFile::load).orElse(null);
            acl = settings.aclFile().map(AclParser::load);
        } catch (AuthFileException e) {
            LOG.error("auth reload failed, keeping the previous rules: {}", e.getMessage());
            return false;
        }
        if (passwords != null) {
            authenticator.replace(passwords);
        }
        acl.ifPresent(authorizer::replace);
        LOG.info("auth reloaded: {}{}", passwords == null ? "" : passwords.size() + " users",
                acl.map(a -> (passwords == null ? "" : ", ") + a).orElse(""));
        return true;
    }

    @Override
    public void close() {
        authenticator.close();
    }
}
