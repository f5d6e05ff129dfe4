package dev.switchboard.torrent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        PeerConfig config = PeerConfig.builder().build();
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(6881);
        assertThat(config.maxPeers()).isEqualTo(50);
        assertThat(config.downloadLimit()).isZero();
        assertThat(config.uploadLimit()).isZero();
        assertThat(config.seedAfterCompletion()).isFalse();
        assertThat(config.peerIdPrefix()).isEqualTo("-SB0100-");
    }

    @Test
    void peerIdsAreThePrefixAndTwelveRandomCharacters() {
        PeerConfig config = PeerConfig.builder().build();
        String first = new String(config.newPeerId(new Random(1)).bytes(), StandardCharsets.US_ASCII);
        String second = new String(config.newPeerId(new Random(2)).bytes(), StandardCharsets.US_ASCII);
        assertThat(first).hasSize(20).startsWith("-SB0100-").matches("-SB0100-[0-9a-zA-Z]{12}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> PeerConfig.builder().port(65536).build()).hasMessage("port must be 0-65535, got 65536");
        assertThatThrownBy(() -> PeerConfig.builder().maxPeers(0).build()).hasMessageContaining("max peers");
        assertThatThrownBy(() -> PeerConfig.builder().uploadLimit(-1).build()).hasMessageContaining("upload limit");
        assertThatThrownBy(() -> PeerConfig.builder().downloadLimit(-5).build()).hasMessageContaining("download limit");
        assertThatThrownBy(() -> PeerConfig.builder().bindHost(" ").build()).hasMessageContaining("bind host");
        assertThatThrownBy(() -> PeerConfig.builder().peerIdPrefix("-SB0100-this-is-too-long-").build())
                .hasMessageContaining("peer id prefix");
        assertThatThrownBy(() -> PeerConfig.builder().peerIdPrefix("-ß-").build()).hasMessageContaining("ASCII");
    }
}
