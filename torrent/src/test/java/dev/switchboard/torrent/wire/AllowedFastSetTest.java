package dev.switchboard.torrent.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.InfoHash;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BEP 6's own example results, and the edges the pseudocode leaves open. */
class AllowedFastSetTest {
    static final InfoHash AAAA = InfoHash.fromHex("aa".repeat(20));

    @Test
    void sevenPieceSetFromBep6() throws Exception {
        assertThat(AllowedFastSet.generate(InetAddress.getByName("80.4.4.200"), AAAA, 1313, 7))
                .containsExactly(1059, 431, 808, 1217, 287, 376, 1188);
    }

    @Test
    void ninePieceSetIsTheSevenPlusTwoMore() throws Exception {
        assertThat(AllowedFastSet.generate(InetAddress.getByName("80.4.4.200"), AAAA, 1313, 9))
                .containsExactly(1059, 431, 808, 1217, 287, 376, 1188, 353, 508);
    }

    @Test
    void onlyTheFirstThreeOctetsCount() throws Exception {
        List<Integer> a = AllowedFastSet.generate(InetAddress.getByName("80.4.4.1"), AAAA, 1313, 7);
        assertThat(a).containsExactly(1059, 431, 808, 1217, 287, 376, 1188);
        assertThat(AllowedFastSet.generate(InetAddress.getByName("80.4.5.200"), AAAA, 1313, 7)).isNotEqualTo(a);
    }

    @Test
    void kAbovePieceCountYieldsEveryPieceOnceAndEnds() throws Exception {
        assertThat(AllowedFastSet.generate(InetAddress.getByName("10.0.0.1"), AAAA, 3, 10))
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void ipv6PeersGetNoSet() throws Exception {
        assertThat(AllowedFastSet.generate(InetAddress.getByName("2001:db8::1"), AAAA, 1313, 7)).isEmpty();
    }

    @Test
    void refusesNonsense() throws Exception {
        InetAddress ip = InetAddress.getByName("80.4.4.200");
        assertThatThrownBy(() -> AllowedFastSet.generate(ip, AAAA, 0, 7)).hasMessageContaining("pieceCount");
        assertThatThrownBy(() -> AllowedFastSet.generate(ip, AAAA, 10, -1)).hasMessageContaining("k must");
    }
}
