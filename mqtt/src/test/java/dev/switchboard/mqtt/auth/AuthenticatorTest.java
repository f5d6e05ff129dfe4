package dev.switchboard.mqtt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static PasswordFile users(int iterations) {
        return PasswordFile.empty().with("alice", PasswordHash.create("wonderland".toCharArray(), iterations, RANDOM));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheRightPasswordOnly() {
        try (Authenticator auth = new Authenticator(users(1000), false, 1, 4)) {
            assertThat(auth.login("alice", bytes("wonderland")).join()).isEqualTo(Login.accepted("alice"));
            assertThat(auth.login("alice", bytes("wonderlan")).join()).isEqualTo(Login.BAD_CREDENTIALS);
            assertThat(auth.login("alice", null).join()).isEqualTo(Login.BAD_CREDENTIALS);
            assertThat(auth.login("bob", bytes("wonderland")).join()).isEqualTo(Login.BAD_CREDENTIALS);
            assertThat(auth.login(null, null).join()).isEqualTo(Login.ANONYMOUS_REFUSED);
        }
    }

    @Test
    void anonymousClientsWhenAllowed() {
        try (Authenticator auth = new Authenticator(users(1000), true, 1, 4)) {
            assertThat(auth.login(null, null).join()).isEqualTo(Login.ANONYMOUS);
            assertThat(auth.login(null, null).join().admitted()).isTrue();
            assertThat(auth.login("alice", bytes("nope")).join()).isEqualTo(Login.BAD_CREDENTIALS); // no fallback
        }
    }

    @Test
    void withoutAPasswordFileNoUserNameIsTrusted() {
        try (Authenticator open = new Authenticator(null, true, 1, 4);
                Authenticator closed = new Authenticator(null, false, 1, 4)) {
            assertThat(open.login("alice", bytes("anything")).join()).isEqualTo(Login.ANONYMOUS);
            assertThat(closed.login("alice", bytes("anything")).join()).isEqualTo(Login.ANONYMOUS_REFUSED);
        }
    }

    @Test
    void checksRunOffTheCallersThread() {
        // 200,000 iterations take far longer than returning from login(), so the callback below is
        // attached before the hash completes and runs on the thread that completes it
        try (Authenticator auth = new Authenticator(users(200_000), false, 1, 4)) {
            CompletableFuture<Login> login = auth.login("alice", bytes("wonderland"));
            CompletableFuture<String> thread = login.thenApply(l -> Thread.currentThread().getName());
            assertThat(thread.join()).startsWith("mqtt-auth-");
            assertThat(login.join()).isEqualTo(Login.accepted("alice"));
        }
    }

    @Test
    void anUnknownUserCostsAsMuchAsAKnownOne() {
        try (Authenticator auth = new Authenticator(users(60_000), false, 1, 4)) {
            long known = Long.MAX_VALUE;
            long unknown = Long.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                known = Math.min(known, timed(auth, "alice"));
                unknown = Math.min(unknown, timed(auth, "mallory"));
            }
            assertThat(unknown).as("unknown %d ns vs known %d ns", unknown, known).isGreaterThan(known / 2);
        }
    }

    private static long timed(Authenticator auth, String user) {
        long start = System.nanoTime();
        assertThat(auth.login(user, bytes("guess")).join()).isEqualTo(Login.BAD_CREDENTIALS);
        return System.nanoTime() - start;
    }

    @Test
    void aFullQueueAnswersBusyInsteadOfWaiting() {
        try (Authenticator auth = new Authenticator(users(400_000), false, 1, 1)) {
            CompletableFuture<Login> running = auth.login("alice", bytes("a"));
            CompletableFuture<Login> queued = auth.login("alice", bytes("b"));
            CompletableFuture<Login> third = auth.login("alice", bytes("c"));
            assertThat(third).isCompletedWithValue(Login.BUSY);
            assertThat(running.join()).isEqualTo(Login.BAD_CREDENTIALS);
            assertThat(queued.join()).isEqualTo(Login.BAD_CREDENTIALS);
        }
    }

    @Test
    void aReplacedFileAppliesToTheNextLogin() {
        try (Authenticator auth = new Authenticator(users(1000), false, 1, 4)) {
            auth.replace(PasswordFile.empty().with("bob", PasswordHash.create("b".toCharArray(), 1000, RANDOM)));
            assertThat(auth.login("bob", bytes("b")).join()).isEqualTo(Login.accepted("bob"));
            assertThat(auth.login("alice", bytes("wonderland")).join()).isEqualTo(Login.BAD_CREDENTIALS);
        }
    }
}
