package dev.switchboard.torrent.tracker.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stateless BEP 15 connection ids: valid two minutes, for the address they were issued to. */
class ConnectionIdsTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:07Z"));
    private final ConnectionIds ids = new ConnectionIds(clock, new byte[32]);

    @Test
    void anIdChecksForTwoMinutesAndNoLongerThanTwoAndAQuarter() {
        long id = ids.issue(CLIENT);
        assertThat(ids.isValid(id, CLIENT)).isTrue();
        clock.advance(Duration.ofSeconds(120));
        assertThat(ids.isValid(id, CLIENT)).as("two minutes after it was sent").isTrue();
        clock.advance(Duration.ofSeconds(15));
        assertThat(ids.isValid(id, CLIENT)).as("2 min 15 s later").isFalse();
    }

    @Test
    void anIdStaysInvalidLongAfterwardsEvenWhenTheWindowCounterWrapsAround() {
        long id = ids.issue(CLIENT);
        clock.advance(ConnectionIds.WINDOW.multipliedBy(ConnectionIds.WINDOWS_VALID));
        assertThat(ids.isValid(id, CLIENT)).as("after %d windows", ConnectionIds.WINDOWS_VALID).isTrue();
        for (int windows = ConnectionIds.WINDOWS_VALID + 1; windows < 600; windows++) {
            clock.advance(ConnectionIds.WINDOW);
            assertThat(ids.isValid(id, CLIENT)).as("after %d windows", windows).isFalse();
        }
    }

    @Test
    void anIdIsBoundToTheAddressButNotThePort() {
        long id = ids.issue(CLIENT);
        assertThat(ids.isValid(id, new InetSocketAddress("127.0.0.2", 40000))).isFalse();
        assertThat(ids.isValid(id, new InetSocketAddress("::1", 40000))).isFalse();
        assertThat(ids.isValid(id, new InetSocketAddress("127.0.0.1", 40001)))
                .as("announce from another socket than the connect, as tracker-check.sh does").isTrue();
    }

    @Test
    void forgedIdsDoNotCheck() {
        long id = ids.issue(CLIENT);
        assertThat(ids.isValid(id ^ 0x5A5A5A5A5A5A5A5AL, CLIENT)).isFalse();
        assertThat(ids.isValid(id ^ (1L << 40), CLIENT)).as("one bit of the hash").isFalse();
        assertThat(ids.isValid(0, CLIENT)).isFalse();
        assertThat(ids.isValid(0x41727101980L, CLIENT)).isFalse();
        ConnectionIds otherSecret = new ConnectionIds(clock, new byte[] {1});
        assertThat(otherSecret.isValid(id, CLIENT)).as("another tracker's (or before a restart)").isFalse();
    }

    @Test
    void idsOfDifferentClientsAndWindowsDiffer() {
        Set<Long> seen = new HashSet<>();
        for (int host = 1; host <= 100; host++) {
            seen.add(ids.issue(new InetSocketAddress("127.0.0." + host, 40000)));
        }
        clock.advance(ConnectionIds.WINDOW);
        seen.add(ids.issue(new InetSocketAddress("127.0.0.1", 40000)));
        assertThat(seen).hasSize(101);
    }

    @Test
    void aFreshRandomSecretPerInstance() {
        assertThat(new ConnectionIds(clock).issue(CLIENT)).isNotEqualTo(new ConnectionIds(clock).issue(CLIENT));
    }
}
