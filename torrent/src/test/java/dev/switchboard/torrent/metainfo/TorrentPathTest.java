package dev.switchboard.torrent.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checked paths: where they resolve, how they order, what they refuse. */
class TorrentPathTest {

    @Test
    void resolvesInsideTheDirectory() {
        Path directory = Path.of("/downloads");
        assertThat(TorrentPath.of("album", "disc 1", "01.flac").resolveIn(directory))
                .isEqualTo(Path.of("/downloads/album/disc 1/01.flac"));
        assertThat(TorrentPath.of("..hidden..").resolveIn(directory)).isEqualTo(Path.of("/downloads/..hidden.."));
    }

    @Test
    void ordersComponentByComponentInUtf8ByteOrder() {
        List<TorrentPath> paths = new ArrayList<>(List.of(
                TorrentPath.of("d", "é"), TorrentPath.of("d", "z"), TorrentPath.of("d-e"), TorrentPath.of("d", "a", "b"),
                TorrentPath.of("D"), TorrentPath.of("d", "a")));
        paths.sort(null);
        // 'D' < 'd'; "d" is a prefix of "d-e"; 'z' (0x7a) < 'é' (0xc3 0xa9); a directory's files stay together
        assertThat(paths).extracting(TorrentPath::toString)
                .containsExactly("D", "d/a", "d/a/b", "d/z", "d/é", "d-e");
    }

    @Test
    void resolveAppendsAndChecks() {
        TorrentPath dir = TorrentPath.of("dir");
        assertThat(dir.resolve("a").components()).containsExactly("dir", "a");
        assertThatThrownBy(() -> dir.resolve(".."))
                .isInstanceOf(MetainfoException.class)
                .hasMessage("unsafe path 'dir/..': component '..' would escape the output directory");
    }

    @Test
    void noComponentsRefused() {
        assertThatThrownBy(() -> TorrentPath.of(List.of()))
                .hasMessage("unsafe path '': a path needs at least one component");
    }

    @Test
    void equalityByComponents() {
        assertThat(TorrentPath.of("a", "b")).isEqualTo(TorrentPath.of(List.of("a", "b")))
                .isNotEqualTo(TorrentPath.of("a"));
        assertThat(TorrentPath.of("a", "b").fileName()).isEqualTo("b");
    }
}
