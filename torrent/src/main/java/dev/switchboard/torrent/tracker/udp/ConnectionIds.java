package dev.switchboard.torrent.tracker.udp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BEP 15 connection ids the tracker can check without remembering them. An id is a keyed hash
 * (HMAC-SHA256 with a secret drawn at start, never sent) of the client's IP address and a coarse
 * time window, truncated to its first 56 bits, with the window's low 8 bits in the last byte so
 * that checking takes one hash, not one per window:
 *
 * <pre>
 * id = HMAC(secret, window || address)[0..7) || (window mod 256)      window = now / 15 s
 * </pre>
 *
 * An id is accepted while its window is at most {@link #WINDOWS_VALID} windows old: from 120 s to
 * 135 s after it was issued, so a client may use it the minute BEP 15 allows and a tracker accepts
 * it the two minutes BEP 15 asks. Forging one means guessing 56 bits of a keyed hash; an id issued
 * to another address does not check, so a spoofed source cannot announce without receiving the
 * connect reply at that address. The source port is left out, as opentracker does: clients may
 * send the announce from another socket than the connect (and NATs may change the port). Thread-safe.
 */
public final class ConnectionIds {
    static final Duration WINDOW = Duration.ofSeconds(15);
    static final int WINDOWS_VALID = 8;
    private static final String ALGORITHM = "HmacSHA256";

    private final Clock clock;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** Ids under a fresh random secret: ids from before a restart no longer check. */
    public ConnectionIds(Clock clock) {
        this(clock, randomSecret());
    }

    ConnectionIds(Clock clock, byte[] secret) {
        this.clock = clock;
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        }
    }

    /** A connection id for {@code client}, valid for two minutes. */
    public long issue(InetSocketAddress client) {
        return idFor(client, currentWindow());
    }

    /** Whether {@code id} was issued to {@code client} by this tracker at most two minutes ago. */
    public boolean isValid(long id, InetSocketAddress client) {
        long current = currentWindow();
        long age = (current - id) & 0xFF; // windows since the one whose low byte the id carries
        if (age > WINDOWS_VALID) {
            return false;
        }
        return idFor(client, current - age) == id;
    }

    private long currentWindow() {
        return Math.floorDiv(clock.millis(), WINDOW.toMillis());
    }

    private long idFor(InetSocketAddress client, long window) {
        byte[] address = client.getAddress().getAddress();
        ByteBuffer input = ByteBuffer.allocate(8 + address.length).putLong(window).put(address);
        Mac mac = macs.get();
        byte[] digest = mac.doFinal(input.array());
        long hash = ByteBuffer.wrap(digest).getLong();
        return (hash & ~0xFFL) | (window & 0xFF);
    }
}
