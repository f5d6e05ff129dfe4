package dev.switchboard.torrent.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrackerConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        TrackerConfig config = TrackerConfig.builder().build();
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(6969);
        assertThat(config.announceInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.defaultNumWant()).isEqualTo(50);
        assertThat(config.maxNumWant()).isEqualTo(200);
        assertThat(config.peerExpiry()).isEqualTo(Duration.ofMinutes(35));
        assertThat(config.allowList().isRestricted()).isFalse();
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TrackerConfig.builder().port(70000).build())
                .hasMessage("port must be 0-65535, got 70000");
        assertThatThrownBy(() -> TrackerConfig.builder().announceInterval(Duration.ofMillis(10)).build())
                .hasMessage("announce interval must be at least 1s, got PT0.01S");
        assertThatThrownBy(() -> TrackerConfig.builder().maxNumWant(5000).build())
                .hasMessage("max numwant must be 1-1000, got 5000");
        assertThatThrownBy(() -> TrackerConfig.builder().defaultNumWant(300).build())
                .hasMessage("default numwant must be 0-200 (max numwant), got 300");
        assertThatThrownBy(() -> TrackerConfig.builder().maxPeersPerTorrent(0).build())
                .hasMessage("max peers per torrent must be at least 1, got 0");
        assertThatThrownBy(() -> TrackerConfig.builder().maxScrapeHashes(101).build())
                .hasMessage("max scrape info-hashes must be 1-100, got 101");
        assertThatThrownBy(() -> TrackerConfig.builder().allowList(null).build())
                .isInstanceOf(NullPointerException.class);
    }
}
