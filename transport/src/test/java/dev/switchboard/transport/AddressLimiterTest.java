package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.SettableClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-address table on its own: limits, refill, and its bound. */
class AddressLimiterTest {
    private final SettableClock clock = new SettableClock();

    private static InetAddress address(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
    }

    @Test
    void openConnectionsPerAddressAreCountedAndFreedOnClose() throws Exception {
        AddressLimiter limiter = new AddressLimiter("t", 2, 0, 100, clock);
        InetAddress a = address(1);
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.ADMITTED);
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.ADMITTED);
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.TOO_MANY_OPEN);
        assertThat(limiter.admit(address(2))).isEqualTo(AddressLimiter.Verdict.ADMITTED); // others unaffected
        limiter.closed(a);
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.ADMITTED);
    }

    @Test
    void theConnectRateRefillsWithTime() throws Exception {
        AddressLimiter limiter = new AddressLimiter("t", 0, 2, 100, clock);
        InetAddress a = address(1);
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.ADMITTED);
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.ADMITTED);
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.TOO_FAST);
        clock.advance(Duration.ofMillis(499));
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.TOO_FAST);
        clock.advance(Duration.ofMillis(2));
        assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.ADMITTED);
    }

    @Test
    void anAddressWithNothingOpenAndARestedBucketIsForgotten() throws Exception {
        AddressLimiter limiter = new AddressLimiter("t", 5, 10, 100, clock);
        InetAddress a = address(1);
        limiter.admit(a);
        clock.advance(Duration.ofSeconds(1));
        limiter.closed(a);
        assertThat(limiter.trackedAddresses()).isZero();
    }

    @Test
    void theTableStaysWithinItsBoundWhateverPassesThrough() throws Exception {
        AddressLimiter limiter = new AddressLimiter("t", 5, 10, 100, clock);
        InetAddress held = address(0);
        limiter.admit(held); // stays open: never forgotten
        for (int i = 1; i <= 10_000; i++) {
            InetAddress a = address(i);
            assertThat(limiter.admit(a)).isEqualTo(AddressLimiter.Verdict.ADMITTED);
            limiter.closed(a); // bucket not rested yet: remembered until the table fills
            assertThat(limiter.trackedAddresses()).isLessThanOrEqualTo(100);
        }
        for (int i = 0; i < 4; i++) {
            limiter.admit(held);
        }
        assertThat(limiter.admit(held)).isEqualTo(AddressLimiter.Verdict.TOO_MANY_OPEN);
    }

    @Test
    void negativeLimitsAreRefused() {
        assertThatThrownBy(() -> new AddressLimiter("t", -1, 0, 10, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBucketInDebtSaysHowLongUntilItIsPositive() {
        TokenBucket bucket = new TokenBucket(1000, 1000, 0);
        bucket.spend(3000, 0); // a large item passes, leaving 2000 owed
        assertThat(bucket.millisUntilPositive(0)).isEqualTo(2001);
        assertThat(bucket.millisUntilPositive(2001)).isZero();
        assertThat(bucket.tryTake(1, 2001)).isTrue();
        assertThat(bucket.isFull(2001)).isFalse();
        assertThat(bucket.isFull(10_000)).isTrue();
    }
}
