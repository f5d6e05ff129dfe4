package dev.switchboard.torrent.metainfo;

import static dev.switchboard.torrent.metainfo.TorrentFixture.PIECE;
import static dev.switchboard.torrent.metainfo.TorrentFixture.file;
import static dev.switchboard.torrent.metainfo.TorrentFixture.list;
import static dev.switchboard.torrent.metainfo.TorrentFixture.multiFileInfo;
import static dev.switchboard.torrent.metainfo.TorrentFixture.rawFile;
import static dev.switchboard.torrent.metainfo.TorrentFixture.singleFileInfo;
import static dev.switchboard.torrent.metainfo.TorrentFixture.torrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A torrent whose paths could escape the download directory, or that a file system would refuse, is
 * refused when it is read, before anything could be written, with an error naming the path.
 */
class MetainfoPathSafetyTest {
    private static final String LONG = "n".repeat(256);

    static Stream<Arguments> unsafeMultiFilePaths() {
        return Stream.of(
                unsafe("parent directory", new String[] {"..", "..", "etc", "passwd"},
                        "info.files[0].path: unsafe path 'dir/../../etc/passwd': component '..' would escape the output directory"),
                unsafe("parent directory after a name", new String[] {"a", "..", "..", "x"},
                        "info.files[0].path: unsafe path 'dir/a/../../x': component '..' would escape the output directory"),
                unsafe("current directory", new String[] {".", "x"},
                        "info.files[0].path: unsafe path 'dir/./x': component '.' is not allowed"),
                unsafe("absolute path", new String[] {"/etc/passwd"},
                        "info.files[0].path: unsafe path 'dir//etc/passwd': absolute path"),
                unsafe("empty component", new String[] {"a", "", "b"},
                        "info.files[0].path: unsafe path 'dir/a//b': empty component"),
                unsafe("empty file name", new String[] {""},
                        "info.files[0].path: unsafe path 'dir/': empty component"),
                unsafe("slash inside a component", new String[] {"a/../../b"},
                        "info.files[0].path: unsafe path 'dir/a/../../b': component 'a/../../b' contains '/'"),
                unsafe("backslash inside a component", new String[] {"..\\..\\b"},
                        "info.files[0].path: unsafe path 'dir/..\\..\\b': component '..\\..\\b' contains '\\'"),
                unsafe("NUL inside a component", new String[] {"a\0.txt"},
                        "info.files[0].path: unsafe path 'dir/a\\x00.txt': component 'a\\x00.txt' contains NUL"),
                unsafe("terminal escape", new String[] {"\u001b[2Jx"},
                        "info.files[0].path: unsafe path 'dir/\\x1b[2Jx': component '\\x1b[2Jx' contains control character 0x1b"),
                unsafe("component over 255 bytes", new String[] {"a", LONG},
                        "info.files[0].path: unsafe path 'dir/a/" + LONG + "': component of 256 bytes; file systems allow at most 255"),
                unsafe("255 two-byte characters", new String[] {"é".repeat(128)},
                        "info.files[0].path: unsafe path 'dir/" + "é".repeat(128) + "': component of 256 bytes; file systems allow at most 255"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeMultiFilePaths")
    void multiFilePathRefused(String[] path, String message) {
        Map<String, BValue> info = multiFileInfo("dir", "ok.txt", 1);
        info.put("files", list(file(1, path)));
        assertThatThrownBy(() -> MetainfoParser.parse(torrent(info)))
                .isInstanceOf(MetainfoException.class)
                .hasMessage(message);
    }

    @Test
    void laterFileIsNamedByItsIndex() {
        Map<String, BValue> info = multiFileInfo("dir", "ok.txt", 1);
        info.put("files", list(file(1, "ok.txt"), file(1, "sub", "..", "..", "x")));
        assertThatThrownBy(() -> MetainfoParser.parse(torrent(info)))
                .hasMessage("info.files[1].path: unsafe path 'dir/sub/../../x': component '..' would escape the output directory");
    }

    @Test
    void pathThatIsNotUtf8Refused() {
        Map<String, BValue> info = multiFileInfo("dir", "ok.txt", 1);
        info.put("files", list(rawFile(1, new byte[] {'a', (byte) 0xff})));
        assertThatThrownBy(() -> MetainfoParser.parse(torrent(info)))
                .hasMessage("info.files[0].path: unsafe path 'dir/a\uFFFD': a component is not valid UTF-8");
    }

    static Stream<Arguments> unsafeNames() {
        return Stream.of(
                unsafe("parent directory", "..", "info.name: unsafe path '..': component '..' would escape the output directory"),
                unsafe("current directory", ".", "info.name: unsafe path '.': component '.' is not allowed"),
                unsafe("empty", "", "info.name: unsafe path '': empty first component (an absolute path?)"),
                unsafe("absolute", "/etc/passwd", "info.name: unsafe path '/etc/passwd': absolute path"),
                unsafe("relative path", "../x", "info.name: unsafe path '../x': component '../x' contains '/'"),
                unsafe("windows path", "C:\\Windows\\x", "info.name: unsafe path 'C:\\Windows\\x': component 'C:\\Windows\\x' contains '\\'"),
                unsafe("NUL", "x\0", "info.name: unsafe path 'x\\x00': component 'x\\x00' contains NUL"),
                unsafe("too long", LONG, "info.name: unsafe path '" + LONG + "': component of 256 bytes; file systems allow at most 255"));
    }

    @ParameterizedTest(name = "single-file name: {0}")
    @MethodSource("unsafeNames")
    void singleFileNameRefused(String name, String message) {
        assertThatThrownBy(() -> MetainfoParser.parse(torrent(singleFileInfo(name, PIECE))))
                .isInstanceOf(MetainfoException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "directory name: {0}")
    @MethodSource("unsafeNames")
    void multiFileNameRefused(String name, String message) {
        assertThatThrownBy(() -> MetainfoParser.parse(torrent(multiFileInfo(name, "a", 1))))
                .isInstanceOf(MetainfoException.class)
                .hasMessage(message);
    }

    @Test
    void namesAtTheLimitsAreAccepted() {
        String longest = "n".repeat(255);
        Map<String, BValue> info = multiFileInfo(longest, "..x", 1, ".hidden", 1, "a b:c?*", 1, "é".repeat(127), 1);
        Metainfo metainfo = MetainfoParser.parse(torrent(info));
        assertThat(metainfo.name()).isEqualTo(longest);
        assertThat(metainfo.files()).extracting(f -> f.path().fileName())
                .containsExactly("..x", ".hidden", "a b:c?*", "é".repeat(127));
        assertThat(BString.of(metainfo.files().get(3).path().fileName()).length()).isEqualTo(254);
        assertThat("é".repeat(127).getBytes(StandardCharsets.UTF_8)).hasSize(254);
    }

    private static Arguments unsafe(String name, Object path, String message) {
        return Arguments.of(named(name, path), message);
    }
}
