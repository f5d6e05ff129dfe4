package dev.switchboard.torrent.metainfo;

import static dev.switchboard.torrent.metainfo.TorrentFixture.ANNOUNCE;
import static dev.switchboard.torrent.metainfo.TorrentFixture.PIECE;
import static dev.switchboard.torrent.metainfo.TorrentFixture.dictionary;
import static dev.switchboard.torrent.metainfo.TorrentFixture.dummyHashes;
import static dev.switchboard.torrent.metainfo.TorrentFixture.file;
import static dev.switchboard.torrent.metainfo.TorrentFixture.integer;
import static dev.switchboard.torrent.metainfo.TorrentFixture.list;
import static dev.switchboard.torrent.metainfo.TorrentFixture.multiFileInfo;
import static dev.switchboard.torrent.metainfo.TorrentFixture.singleFileInfo;
import static dev.switchboard.torrent.metainfo.TorrentFixture.string;
import static dev.switchboard.torrent.metainfo.TorrentFixture.torrent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Valid torrents, single- and multi-file, read into every field of {@link Metainfo}. */
class MetainfoParserTest {

    @Test
    void singleFileTorrent() {
        Map<String, BValue> top = new LinkedHashMap<>();
        top.put("announce", string(ANNOUNCE));
        top.put("comment", string("a comment, ünïcödé"));
        top.put("created by", string("mktorrent 1.1"));
        top.put("creation date", integer(1_767_225_600));
        Map<String, BValue> info = singleFileInfo("movie.mkv", 3 * PIECE + 100);

        Metainfo metainfo = MetainfoParser.parse(torrent(top, info));

        assertThat(metainfo.name()).isEqualTo("movie.mkv");
        assertThat(metainfo.isMultiFile()).isFalse();
        assertThat(metainfo.files()).containsExactly(new FileEntry(TorrentPath.of("movie.mkv"), 3 * PIECE + 100, 0, false));
        assertThat(metainfo.totalSize()).isEqualTo(3 * PIECE + 100);
        assertThat(metainfo.pieceLength()).isEqualTo(PIECE);
        assertThat(metainfo.pieceCount()).isEqualTo(4);
        assertThat(metainfo.lastPieceSize()).isEqualTo(100);
        assertThat(metainfo.pieceSize(0)).isEqualTo(PIECE);
        assertThat(metainfo.pieceSize(3)).isEqualTo(100);
        assertThat(metainfo.pieceHash(2)).isEqualTo(Arrays.copyOfRange(dummyHashes(4), 40, 60));
        assertThat(metainfo.pieceHashes()).isEqualTo(dummyHashes(4));
        assertThat(metainfo.isPrivate()).isFalse();
        assertThat(metainfo.announce()).contains(ANNOUNCE);
        assertThat(metainfo.announceList()).isEmpty();
        assertThat(metainfo.trackerTiers()).containsExactly(List.of(ANNOUNCE));
        assertThat(metainfo.comment()).contains("a comment, ünïcödé");
        assertThat(metainfo.createdBy()).contains("mktorrent 1.1");
        assertThat(metainfo.creationDate()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void multiFileTorrentWithOffsetsAcrossPieces() {
        Map<String, BValue> info = multiFileInfo("album", "a.flac", PIECE + 1, "empty.txt", 0,
                "disc 2/b.flac", 2 * PIECE, "disc 2/cover.jpg", 5);
        info.put("private", integer(1));

        Metainfo metainfo = MetainfoParser.parse(torrent(info));

        assertThat(metainfo.name()).isEqualTo("album");
        assertThat(metainfo.isMultiFile()).isTrue();
        assertThat(metainfo.isPrivate()).isTrue();
        assertThat(metainfo.files()).containsExactly(
                new FileEntry(TorrentPath.of("album", "a.flac"), PIECE + 1, 0, false),
                new FileEntry(TorrentPath.of("album", "empty.txt"), 0, PIECE + 1, false),
                new FileEntry(TorrentPath.of("album", "disc 2", "b.flac"), 2 * PIECE, PIECE + 1, false),
                new FileEntry(TorrentPath.of("album", "disc 2", "cover.jpg"), 5, 3 * PIECE + 1, false));
        assertThat(metainfo.totalSize()).isEqualTo(3 * PIECE + 6);
        assertThat(metainfo.pieceCount()).isEqualTo(4);
        assertThat(metainfo.lastPieceSize()).isEqualTo(6);
    }

    @Test
    void contentOfWholePiecesHasAFullLastPiece() {
        Metainfo metainfo = MetainfoParser.parse(torrent(singleFileInfo("x", 2 * PIECE)));
        assertThat(metainfo.pieceCount()).isEqualTo(2);
        assertThat(metainfo.lastPieceSize()).isEqualTo(PIECE);
    }

    @Test
    void announceListTiersWinOverAnnounceAndEmptyTiersAreDropped() {
        Map<String, BValue> top = new LinkedHashMap<>();
        top.put("announce", string("http://a.example/announce"));
        top.put("announce-list", list(
                list(string("http://a.example/announce"), string("udp://b.example:6969")),
                list(),
                list(string(""), string("https://c.example/announce"))));

        Metainfo metainfo = MetainfoParser.parse(torrent(top, singleFileInfo("x", 1)));

        assertThat(metainfo.announceList()).containsExactly(
                List.of("http://a.example/announce", "udp://b.example:6969"),
                List.of("https://c.example/announce"));
        assertThat(metainfo.trackerTiers()).isEqualTo(metainfo.announceList());
    }

    @Test
    void trackerlessTorrentHasNoTiers() {
        Metainfo metainfo = MetainfoParser.parse(torrent(Map.of(), singleFileInfo("x", 1)));
        assertThat(metainfo.announce()).isEmpty();
        assertThat(metainfo.trackerTiers()).isEmpty();
        assertThat(metainfo.comment()).isEmpty();
        assertThat(metainfo.createdBy()).isEmpty();
        assertThat(metainfo.creationDate()).isEmpty();
    }

    @Test
    void privateZeroIsPublic() {
        Map<String, BValue> info = singleFileInfo("x", 1);
        info.put("private", integer(0));
        assertThat(MetainfoParser.parse(torrent(info)).isPrivate()).isFalse();
    }

    @Test
    void infoHashIsSha1OfTheInfoDictionaryComputedIndependently() throws Exception {
        // Written by hand; the SHA-1 of the info dictionary was computed with Python's hashlib.
        String info = "d5:filesld6:lengthi3e4:pathl5:a.txteed6:lengthi0e4:pathl3:sub5:e.txteed6:lengthi16385e"
                + "4:pathl3:sub5:z.bineee4:name3:dir12:piece lengthi16384e6:pieces40:"
                + "A".repeat(20) + "B".repeat(20) + "7:privatei1ee";
        byte[] torrent = ("d8:announce25:http://t.example/announce4:info" + info + "e")
                .getBytes(StandardCharsets.US_ASCII);

        Metainfo metainfo = MetainfoParser.parse(torrent);

        assertThat(metainfo.infoHash().hex()).isEqualTo("960415ce4812e2543da88cdc23666006b2f72205");
        assertThat(metainfo.infoHash().bytes())
                .isEqualTo(MessageDigest.getInstance("SHA-1").digest(info.getBytes(StandardCharsets.US_ASCII)));
        assertThat(metainfo.infoDictionaryBytes()).isEqualTo(info.getBytes(StandardCharsets.US_ASCII));
        assertThat(metainfo.bytes()).isEqualTo(torrent);
        assertThat(metainfo.files()).extracting(f -> f.path().toString())
                .containsExactly("dir/a.txt", "dir/sub/e.txt", "dir/sub/z.bin");
    }

    @Test
    void unknownKeysAreKeptInTheInfoHash() throws Exception {
        Map<String, BValue> plain = singleFileInfo("x", 1);
        Map<String, BValue> extended = new LinkedHashMap<>(plain);
        extended.put("source", string("private tracker tag"));

        Metainfo metainfo = MetainfoParser.parse(torrent(extended));

        byte[] expected = MessageDigest.getInstance("SHA-1").digest(new BencodeEncoder().encode(dictionary(extended)));
        assertThat(metainfo.infoHash().bytes()).isEqualTo(expected);
        assertThat(metainfo.infoHash()).isNotEqualTo(MetainfoParser.parse(torrent(plain)).infoHash());
    }

    @Test
    void hybridTorrentIsReadThroughItsV1FieldsWithPaddingFiles() {
        // libtorrent 2 and qBittorrent write hybrid torrents: v1 'files' with BEP 47 padding files
        // (several with the same '.pad/N' path) next to the v2 'file tree'.
        BDictionary pad = BDictionary.builder().put("attr", "p").put("length", PIECE - 1)
                .put("path", list(string(".pad"), string(String.valueOf(PIECE - 1)))).build();
        BDictionary executable = BDictionary.builder().put("attr", "x").put("length", 1)
                .put("path", list(string("run.sh"))).build();
        Map<String, BValue> info = new LinkedHashMap<>();
        info.put("name", string("hybrid"));
        info.put("files", list(file(1, "a"), pad, executable, pad, file(1, "b")));
        info.put("piece length", integer(PIECE));
        info.put("pieces", string("x".repeat(60)));
        info.put("meta version", integer(2));
        info.put("file tree", BDictionary.empty());

        Metainfo metainfo = MetainfoParser.parse(torrent(info));

        assertThat(metainfo.files()).extracting(FileEntry::padding).containsExactly(false, true, false, true, false);
        assertThat(metainfo.files().get(4).offset()).isEqualTo(2 * PIECE);
        assertThat(metainfo.totalSize()).isEqualTo(2 * PIECE + 1);
    }
}
