package dev.switchboard.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The info hash of a .torrent is the SHA-1 of the info dictionary's raw bytes. */
class TorrentInfoHashTest {

    private final BencodeDecoder decoder = new BencodeDecoder();
    private final BencodeEncoder encoder = new BencodeEncoder();

    @Test
    void infoHashOfRawBytesEqualsHashOfCanonicalReEncoding() throws Exception {
        byte[] torrent = encoder.encode(multiFileTorrent());

        BDictionary metainfo = decoder.decodeDictionary(torrent);
        BDictionary info = metainfo.getDictionary("info");

        assertThat(info.rawBytes()).isNotNull();
        assertThat(sha1(info.rawBytes())).isEqualTo(sha1(encoder.encode(info)));
        assertThat(sha1(info.rawBytes())).isEqualTo(sha1(encoder.encode(multiFileTorrent().getDictionary("info"))));
        assertThat(sha1(info.rawBytes())).isNotEqualTo(sha1(torrent));
    }

    @Test
    void metainfoFieldsReadBackThroughTypedGetters() {
        BDictionary metainfo = decoder.decodeDictionary(encoder.encode(multiFileTorrent()));
        BDictionary info = metainfo.getDictionary("info");

        assertThat(metainfo.getString("announce")).isEqualTo("http://tracker.example:6969/announce");
        assertThat(metainfo.optionalString("comment")).isEmpty();
        assertThat(info.getString("name")).isEqualTo("switchboard-sample");
        assertThat(info.getLong("piece length")).isEqualTo(262_144);
        assertThat(info.getByteString("pieces").length()).isEqualTo(3 * 20);
        BDictionary second = (BDictionary) info.getList("files").get(1);
        assertThat(second.getLong("length")).isEqualTo(500_000);
        assertThat(second.getList("path").values()).containsExactly(BString.of("docs"), BString.of("readme.txt"));
    }

    @Test
    void infoHashOfHandWrittenTorrentMatchesIndependentlyComputedValue() throws Exception {
        // Info dictionary written by hand; its SHA-1 was computed outside Java (Python hashlib).
        String info = "d6:lengthi5e4:name5:a.txt12:piece lengthi16384e6:pieces20:"
                + "01234567890123456789e";
        String torrent = "d8:announce22:http://t.example/annce4:info" + info + "e";

        BDictionary decodedInfo = decoder.decodeDictionary(torrent.getBytes(StandardCharsets.US_ASCII))
                .getDictionary("info");

        assertThat(HexFormat.of().formatHex(sha1(decodedInfo.rawBytes())))
                .isEqualTo("8694d6007ae15e276cbda435c410f6e2b6bd6f76");
    }

    private static BDictionary multiFileTorrent() {
        byte[] pieces = new byte[3 * 20];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = (byte) (i * 251 + 7);
        }
        return BDictionary.builder()
                .put("announce", "http://tracker.example:6969/announce")
                .put("announce-list", BList.of(
                        BList.of(BString.of("http://tracker.example:6969/announce")),
                        BList.of(BString.of("udp://backup.example:1337"))))
                .put("created by", "switchboard test")
                .put("creation date", 1_700_000_000L)
                .put("info", BDictionary.builder()
                        .put("name", "switchboard-sample")
                        .put("piece length", 262_144)
                        .put("pieces", pieces)
                        .put("private", 1)
                        .put("files", BList.of(
                                file(100_000, "data.bin"),
                                file(500_000, "docs", "readme.txt")))
                        .build())
                .build();
    }

    private static BDictionary file(long length, String... path) {
        BString[] segments = new BString[path.length];
        for (int i = 0; i < path.length; i++) {
            segments[i] = BString.of(path[i]);
        }
        return BDictionary.builder().put("length", length).put("path", BList.of(segments)).build();
    }

    private static byte[] sha1(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-1").digest(bytes);
    }
}
