package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
    @Test
    void defaults() {
        StoreConfig config = StoreConfig.builder().build();
        assertThat(config.persistence()).isEqualTo(StoreConfig.Persistence.FILE);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.file()).isEqualTo(Path.of("data", "broker.mv.db"));
        assertThat(config.durability()).isEqualTo(Durability.ALWAYS);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.recover()).isFalse();
        assertThat(config.cacheSizeMiB()).isEqualTo(16);
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> StoreConfig.builder().commitInterval(Duration.ofMillis(9)).build())
                .hasMessageContaining("--commit-interval");
        assertThatThrownBy(() -> StoreConfig.builder().commitInterval(Duration.ofHours(2)).build())
                .hasMessageContaining("--commit-interval");
        assertThatThrownBy(() -> StoreConfig.builder().cacheSizeMiB(0).build()).hasMessageContaining("cache");
        assertThatThrownBy(() -> StoreConfig.builder().dataDir(null).build()).isInstanceOf(NullPointerException.class);
        assertThat(StoreConfig.builder().commitInterval(Duration.ofMillis(10)).cacheSizeMiB(4096).build())
                .isNotNull();
    }

    @Test
    void fsyncFlagValues() {
        assertThat(Durability.ofFlag("always")).isEqualTo(Durability.ALWAYS);
        assertThat(Durability.ofFlag("periodic")).isEqualTo(Durability.PERIODIC);
        assertThat(Durability.ofFlag("never")).isEqualTo(Durability.NEVER);
        assertThat(Durability.PERIODIC.flag()).isEqualTo("periodic");
        assertThatThrownBy(() -> Durability.ofFlag("ALWAYS")).hasMessageContaining("--fsync must be");
        assertThatThrownBy(() -> Durability.ofFlag("")).hasMessageContaining("--fsync must be");
    }
}
