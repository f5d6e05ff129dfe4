package dev.switchboard.mqtt.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * One salted PBKDF2-HMAC-SHA512 password hash, written as
 * {@code $pbkdf2-sha512$ITERATIONS$SALT$HASH} (salt and hash in standard Base64 without padding).
 * {@link #DEFAULT_ITERATIONS} is 210,000, OWASP's figure for PBKDF2-HMAC-SHA512 (Password Storage
 * Cheat Sheet, 2023): about a fifth of a second per check on a server core. The iteration count
 * travels in each line, so it can be raised later without invalidating old entries.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    public static final String SCHEME = "pbkdf2-sha512";
    public static final int DEFAULT_ITERATIONS = 210_000;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 64;
    /** Below this a hash is refused as too weak to be a mistake-free entry; tests use it too. */
    public static final int MIN_ITERATIONS = 1_000;
    static final int MAX_ITERATIONS = 100_000_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    public PasswordHash {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + "-" + MAX_ITERATIONS
                    + ", got " + iterations);
        }
        if (salt.length < SALT_BYTES) {
            throw new IllegalArgumentException("salt must be at least " + SALT_BYTES + " bytes, got " + salt.length);
        }
        if (hash.length < 16 || hash.length > 128) {
            throw new IllegalArgumentException("hash must be 16-128 bytes, got " + hash.length);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes {@code password} with a fresh random salt. */
    public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /** Parses {@code $pbkdf2-sha512$ITER$SALT$HASH}; the exception's message says what is wrong. */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length < 2 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("the hash must start with $" + SCHEME + "$");
        }
        if (!parts[1].equals(SCHEME)) {
            throw new IllegalArgumentException("unknown hash scheme '" + parts[1] + "' (only " + SCHEME + ")");
        }
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected $" + SCHEME + "$ITERATIONS$SALT$HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations '" + parts[2] + "' is not a number");
        }
        byte[] salt = base64(parts[3], "salt");
        byte[] hash = base64(parts[4], "hash");
        return new PasswordHash(iterations, salt, hash);
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid Base64");
        }
    }

    public String encode() {
        return "$" + SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} (the CONNECT's bytes, read as UTF-8) hashes to this; constant time in the bytes. */
    public boolean matches(byte[] password) {
        char[] chars = toChars(password);
        try {
            return matches(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public boolean matches(char[] password) {
        byte[] candidate = derive(password, salt, iterations, hash.length);
        return MessageDigest.isEqual(candidate, hash);
    }

    private static char[] toChars(byte[] utf8) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        return chars;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash h && h.iterations == iterations && Arrays.equals(h.salt, salt)
                && Arrays.equals(h.hash, hash);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }
}
