package dev.switchboard.torrent.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The creator's configuration checks every value when it is set. */
class TorrentCreatorConfigTest {

    @Test
    void defaults() {
        TorrentCreatorConfig config = TorrentCreatorConfig.builder().build();
        assertThat(config.trackerTiers()).isEmpty();
        assertThat(config.pieceLength()).isEmpty();
        assertThat(config.privateTorrent()).isFalse();
        assertThat(config.comment()).isEmpty();
        assertThat(config.createdBy()).isEqualTo("switchboard");
        assertThat(config.hashThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.readBufferSize()).isEqualTo(1024 * 1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://t.example/announce", "HTTPS://t.example:443/a?passkey=x", "udp://t.example:6969"})
    void trackerUrlsAccepted(String url) {
        assertThat(TorrentCreatorConfig.builder().tracker(url).build().trackerTiers()).containsExactly(List.of(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t.example/announce", "ftp://t.example/", "http://", "http:// spaces/", "wss://t.example/"})
    void trackerUrlsRefused(String url) {
        assertThatThrownBy(() -> TorrentCreatorConfig.builder().tracker(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tracker URL '" + url + "' is not an http://, https:// or udp:// URL with a host");
    }

    @Test
    void otherValuesChecked() {
        assertThatThrownBy(() -> TorrentCreatorConfig.builder().pieceLength(1000))
                .hasMessage("piece size must be a power of two from 16 KiB to 256 MiB, got 1000 bytes");
        assertThatThrownBy(() -> TorrentCreatorConfig.builder().hashThreads(0).build())
                .hasMessage("hashThreads must be at least 1, got 0");
        assertThatThrownBy(() -> TorrentCreatorConfig.builder().readBufferSize(100).build())
                .hasMessage("readBufferSize must be from 4096 to 67108864 bytes, got 100");
        assertThatThrownBy(() -> TorrentCreatorConfig.builder().tier(List.of()))
                .hasMessage("a tracker tier must have at least one URL");
    }
}
