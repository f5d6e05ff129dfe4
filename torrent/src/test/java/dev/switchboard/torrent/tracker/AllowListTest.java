package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.InfoHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowListTest {
    @TempDir
    Path dir;

    @Test
    void readsOneHashALineWithCommentsAndBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("allow.txt"), """
                # torrents this tracker serves
                0101010101010101010101010101010101010101
                  ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD   # upper case is fine

                0101010101010101010101010101010101010101
                """);
        AllowList list = AllowList.load(file, 10);
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.isRestricted()).isTrue();
        assertThat(list.allows(Announces.infoHash(1))).isTrue();
        assertThat(list.allows(InfoHash.fromHex("abcdefabcdefabcdefabcdefabcdefabcdefabcd"))).isTrue();
        assertThat(list.allows(Announces.infoHash(2))).isFalse();
        assertThat(list.toString()).isEqualTo("2 info-hashes from " + file);
    }

    @Test
    void aBadLineIsNamedByNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("allow.txt"), "# ok\n0101010101010101010101010101010101010101\nxyz\n");
        assertThatThrownBy(() -> AllowList.load(file, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allow list " + file + " line 3: an info-hash has 40 hex digits, got 'xyz'");
        Path notHex = Files.writeString(dir.resolve("b.txt"), "zz01010101010101010101010101010101010101\n");
        assertThatThrownBy(() -> AllowList.load(notHex, 10))
                .hasMessage("allow list " + notHex + " line 1: not a hex info-hash: "
                        + "'zz01010101010101010101010101010101010101'");
    }

    @Test
    void missingFilesAndTooManyEntriesAreRefused() throws Exception {
        assertThatThrownBy(() -> AllowList.load(dir.resolve("nope.txt"), 10))
                .hasMessage("cannot read allow list " + dir.resolve("nope.txt") + ": no such file");
        Path file = Files.writeString(dir.resolve("allow.txt"),
                "0101010101010101010101010101010101010101\n0202020202020202020202020202020202020202\n");
        assertThatThrownBy(() -> AllowList.load(file, 1)).hasMessageEndingWith("line 2: more than 1 info-hashes");
    }

    @Test
    void everythingAllowsAnyTorrent() {
        assertThat(AllowList.everything().allows(Announces.infoHash(9))).isTrue();
        assertThat(AllowList.everything().isRestricted()).isFalse();
    }
}
