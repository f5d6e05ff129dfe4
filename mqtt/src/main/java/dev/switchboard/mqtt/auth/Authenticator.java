package dev.switchboard.mqtt.auth;

import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks user names and passwords against the current {@link PasswordFile}. PBKDF2 is slow on
 * purpose, so checks run on a small bounded executor of their own, never on an event loop; when its
 * queue is full a login is answered {@link Login#BUSY}. An unknown user is checked against a dummy
 * hash with the file's highest iteration count, so it costs as much as a known one, and hashes are
 * compared in constant time. Thread-safe; the file is swapped whole on reload.
 */
public final class Authenticator implements AutoCloseable {
    public static final int DEFAULT_THREADS = 2;
    public static final int DEFAULT_QUEUE = 256;

    /** A password file and the dummy hash that stands in for its unknown users. */
    private record Users(PasswordFile file, PasswordHash dummy) {
    }

    private final boolean allowAnonymous;
    private final SecureRandom random = new SecureRandom();
    private final ThreadPoolExecutor executor;
    private volatile Users users;

    /** {@code file} null: no password file, so no user name can be verified. */
    public Authenticator(PasswordFile file, boolean allowAnonymous, int threads, int queue) {
        this.allowAnonymous = allowAnonymous;
        this.users = file == null ? null : usersOf(file);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "mqtt-auth-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), factory, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    private Users usersOf(PasswordFile file) {
        byte[] salt = new byte[PasswordHash.SALT_BYTES];
        byte[] hash = new byte[PasswordHash.HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return new Users(file, new PasswordHash(file.maxIterations(), salt, hash));
    }

    public boolean allowsAnonymous() {
        return allowAnonymous;
    }

    public boolean hasPasswordFile() {
        return users != null;
    }

    /** Replaces the password file (when the broker has one); logins in progress finish against the old one. */
    void replace(PasswordFile file) {
        if (users != null) {
            users = usersOf(file);
        }
    }

    /**
     * Checks a CONNECT's credentials; completes on an authenticator thread, or at once when no hash
     * needs checking. {@code username} and {@code password} are null when the CONNECT has none.
     */
    public CompletableFuture<Login> login(String username, byte[] password) {
        Users current = users;
        if (username == null || current == null) {
            return CompletableFuture.completedFuture(allowAnonymous ? Login.ANONYMOUS : Login.ANONYMOUS_REFUSED);
        }
        byte[] copy = password == null ? new byte[0] : password.clone();
        try {
            return CompletableFuture.supplyAsync(() -> check(current, username, copy), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Login.BUSY);
        }
    }

    private static Login check(Users users, String username, byte[] password) {
        PasswordHash known = users.file().lookup(username).orElse(null);
        boolean matches = (known != null ? known : users.dummy()).matches(password);
        java.util.Arrays.fill(password, (byte) 0);
        return matches && known != null ? Login.accepted(username) : Login.BAD_CREDENTIALS;
    }

    /** Logins waiting for a thread. */
    public int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
