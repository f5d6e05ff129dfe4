package dev.switchboard.torrent.announce;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the tracker clients and announcers need, validated when built.
 *
 * @param httpTimeout longest wait for an HTTP tracker, connecting and reading the whole reply
 * @param maxResponseBytes largest HTTP reply body read; a longer one fails as malformed
 * @param udpRetransmitBase BEP 15's first wait: a UDP request unanswered after {@code base * 2^n}
 *     is sent again with n one higher (15 s in the BEP; tests use milliseconds)
 * @param udpMaxRetransmits retransmissions before a UDP announce fails as timed out. BEP 15 allows
 *     n up to 8 (over two hours in all); the default 2 (15 + 30 + 60 s) lets the announcer move on
 *     to the next tracker of the tier instead of waiting that long on a dead one
 * @param udpConnectionIdLifetime how long a BEP 15 connection id is used (one minute in the BEP)
 * @param numWant peers asked for in each announce, {@link AnnounceRequest#NUMWANT_DEFAULT} for the tracker's choice
 * @param minimumInterval the shortest re-announce interval accepted from a tracker, so a tracker
 *     answering {@code interval 0} cannot make us announce in a loop
 * @param retryDelay after every tracker of every tier failed, the first wait before trying again;
 *     it doubles after each further failed round up to {@code maxRetryDelay}
 * @param maxRetryDelay the longest wait between failed rounds
 * @param stopTimeout how long closing waits for the trackers to acknowledge {@code stopped}
 * @param clock the time connection ids age with and min intervals are counted in
 */
public record AnnounceConfig(
        Duration httpTimeout,
        int maxResponseBytes,
        Duration udpRetransmitBase,
        int udpMaxRetransmits,
        Duration udpConnectionIdLifetime,
        int numWant,
        Duration minimumInterval,
        Duration retryDelay,
        Duration maxRetryDelay,
        Duration stopTimeout,
        Clock clock) {

    /** BEP 15 stops doubling at n = 8. */
    public static final int UDP_RETRANSMIT_CEILING = 8;

    public AnnounceConfig {
        Objects.requireNonNull(clock, "clock");
        requirePositive(httpTimeout, "http timeout");
        require(maxResponseBytes >= 1024, "max response size must be at least 1024 bytes, got " + maxResponseBytes);
        requirePositive(udpRetransmitBase, "UDP retransmit base");
        require(udpMaxRetransmits >= 0 && udpMaxRetransmits <= UDP_RETRANSMIT_CEILING,
                "UDP retransmissions must be 0-" + UDP_RETRANSMIT_CEILING + ", got " + udpMaxRetransmits);
        requirePositive(udpConnectionIdLifetime, "UDP connection id lifetime");
        require(numWant >= AnnounceRequest.NUMWANT_DEFAULT, "numwant must be -1 or more, got " + numWant);
        requirePositive(minimumInterval, "minimum interval");
        requirePositive(retryDelay, "retry delay");
        requirePositive(maxRetryDelay, "max retry delay");
        require(maxRetryDelay.compareTo(retryDelay) >= 0, "max retry delay must not be below the retry delay");
        requirePositive(stopTimeout, "stop timeout");
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(Duration d, String name) {
        require(d != null && !d.isNegative() && !d.isZero(), name + " must be positive, got " + d);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static final class Builder {
        private Duration httpTimeout = Duration.ofSeconds(30);
        private int maxResponseBytes = 1024 * 1024;
        private Duration udpRetransmitBase = Duration.ofSeconds(15);
        private int udpMaxRetransmits = 2;
        private Duration udpConnectionIdLifetime = Duration.ofMinutes(1);
        private int numWant = 50;
        private Duration minimumInterval = Duration.ofSeconds(30);
        private Duration retryDelay = Duration.ofSeconds(30);
        private Duration maxRetryDelay = Duration.ofMinutes(30);
        private Duration stopTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder httpTimeout(Duration httpTimeout) {
            this.httpTimeout = httpTimeout;
            return this;
        }

        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public Builder udpRetransmitBase(Duration udpRetransmitBase) {
            this.udpRetransmitBase = udpRetransmitBase;
            return this;
        }

        public Builder udpMaxRetransmits(int udpMaxRetransmits) {
            this.udpMaxRetransmits = udpMaxRetransmits;
            return this;
        }

        public Builder udpConnectionIdLifetime(Duration udpConnectionIdLifetime) {
            this.udpConnectionIdLifetime = udpConnectionIdLifetime;
            return this;
        }

        public Builder numWant(int numWant) {
            this.numWant = numWant;
            return this;
        }

        public Builder minimumInterval(Duration minimumInterval) {
            this.minimumInterval = minimumInterval;
            return this;
        }

        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        public Builder maxRetryDelay(Duration maxRetryDelay) {
            this.maxRetryDelay = maxRetryDelay;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public AnnounceConfig build() {
            return new AnnounceConfig(httpTimeout, maxResponseBytes, udpRetransmitBase, udpMaxRetransmits,
                    udpConnectionIdLifetime, numWant, minimumInterval, retryDelay, maxRetryDelay, stopTimeout, clock);
        }
    }
}
