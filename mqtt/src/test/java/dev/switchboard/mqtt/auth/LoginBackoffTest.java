package dev.switchboard.mqtt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginBackoffTest {
    private final SettableClock clock = new SettableClock();
    private final LoginBackoff backoff = new LoginBackoff(clock);

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (last >> 8), (byte) last});
    }

    @Test
    void theDelayDoublesFromHalfASecondToEightSeconds() throws Exception {
        InetAddress a = address(1);
        assertThat(backoff.waitBeforeCheck(a)).isZero();
        assertThat(backoff.failed(a)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.failed(a)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed(a)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed(a)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.failed(a)).isEqualTo(Duration.ofSeconds(8));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.failed(a)).isEqualTo(Duration.ofSeconds(8));
        }
    }

    @Test
    void theNextAttemptWaitsOutTheDelaySinceTheFailure() throws Exception {
        InetAddress a = address(1);
        backoff.failed(a);
        backoff.failed(a);
        assertThat(backoff.waitBeforeCheck(a)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(400));
        assertThat(backoff.waitBeforeCheck(a)).isEqualTo(Duration.ofMillis(600));
        clock.advance(Duration.ofSeconds(5));
        assertThat(backoff.waitBeforeCheck(a)).isZero();
        assertThat(backoff.waitBeforeCheck(address(2))).isZero(); // per address
    }

    @Test
    void aSuccessOrAQuietSpellForgetsTheAddress() throws Exception {
        InetAddress a = address(1);
        backoff.failed(a);
        backoff.failed(a);
        backoff.succeeded(a);
        assertThat(backoff.failed(a)).isEqualTo(Duration.ofMillis(500));
        clock.advance(LoginBackoff.DEFAULT_FORGET_AFTER.plusSeconds(1));
        assertThat(backoff.failed(a)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.size()).isEqualTo(1);
    }

    @Test
    void remembersABoundedNumberOfAddresses() throws Exception {
        LoginBackoff small = new LoginBackoff(clock, Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofMinutes(5), 100);
        for (int i = 0; i < 1000; i++) {
            small.failed(address(i));
        }
        assertThat(small.size()).isEqualTo(100);
        assertThat(small.waitBeforeCheck(address(999))).isPositive();
        assertThat(small.waitBeforeCheck(address(0))).isZero(); // the oldest went first
    }
}
