package dev.switchboard.torrent.metainfo;

import static dev.switchboard.torrent.metainfo.TorrentFixture.PIECE;
import static dev.switchboard.torrent.metainfo.TorrentFixture.file;
import static dev.switchboard.torrent.metainfo.TorrentFixture.integer;
import static dev.switchboard.torrent.metainfo.TorrentFixture.list;
import static dev.switchboard.torrent.metainfo.TorrentFixture.multiFileInfo;
import static dev.switchboard.torrent.metainfo.TorrentFixture.singleFileInfo;
import static dev.switchboard.torrent.metainfo.TorrentFixture.string;
import static dev.switchboard.torrent.metainfo.TorrentFixture.torrent;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a torrent can be wrong is refused with a {@link MetainfoException} naming the key. Each case
 * starts from a valid torrent and changes one thing.
 */
class MetainfoParserMalformedTest {

    static Stream<Arguments> malformedTorrents() {
        return Stream.of(
                // the document
                reject("not bencode", bytes("hello"),
                        "not a bencoded dictionary: at byte 0: unexpected byte 'h', expected 'i', 'l', 'd' or a string length"),
                reject("top-level list", bytes("le"),
                        "not a bencoded dictionary: at byte 0: expected a dictionary at top level, found list"),
                reject("unsorted keys", bytes("d4:infoi1e8:announce1:xe"),
                        "not a bencoded dictionary: at byte 10: dictionary keys out of order: 'announce' after 'info'"),
                reject("missing info", topLevel(top -> top.remove("info")), "torrent: missing key 'info'"),
                reject("info is a list", topLevel(top -> top.put("info", list())),
                        "torrent: key 'info': expected dictionary, found list"),
                // trackers and description
                reject("announce is an integer", topLevel(top -> top.put("announce", integer(1))),
                        "torrent: key 'announce': expected byte string, found integer"),
                reject("announce-list is a string", topLevel(top -> top.put("announce-list", string("x"))),
                        "torrent: key 'announce-list': expected list, found byte string"),
                reject("announce-list tier is a string",
                        topLevel(top -> top.put("announce-list", list(list(string("http://a/")), string("x")))),
                        "announce-list[1]: expected list, found byte string"),
                reject("announce-list URL is an integer",
                        topLevel(top -> top.put("announce-list", list(list(string("http://a/"), integer(7))))),
                        "announce-list[0][1]: expected byte string, found integer"),
                reject("comment is a list", topLevel(top -> top.put("comment", list())),
                        "torrent: key 'comment': expected byte string, found list"),
                reject("creation date is a string", topLevel(top -> top.put("creation date", string("today"))),
                        "torrent: key 'creation date': expected integer, found byte string"),
                reject("creation date negative", topLevel(top -> top.put("creation date", integer(-1))),
                        "creation date: negative (-1)"),
                reject("creation date beyond Instant", topLevel(top -> top.put("creation date", integer(Long.MAX_VALUE))),
                        "creation date: out of range (9223372036854775807)"),
                // name, piece length, pieces, private
                reject("missing name", single(info -> info.remove("name")), "info: missing key 'name'"),
                reject("name is an integer", single(info -> info.put("name", integer(3))),
                        "info: key 'name': expected byte string, found integer"),
                reject("missing piece length", single(info -> info.remove("piece length")),
                        "info: missing key 'piece length'"),
                reject("piece length is a string", single(info -> info.put("piece length", string("16384"))),
                        "info: key 'piece length': expected integer, found byte string"),
                reject("piece length not a power of two", single(info -> info.put("piece length", integer(20_000))),
                        "info.piece length: 20000 is not a power of two from 16 KiB (16384) to 256 MiB (268435456)"),
                reject("piece length below 16 KiB", single(info -> info.put("piece length", integer(8192))),
                        "info.piece length: 8192 is not a power of two from 16 KiB (16384) to 256 MiB (268435456)"),
                reject("piece length above 256 MiB", single(info -> info.put("piece length", integer(1L << 29))),
                        "info.piece length: 536870912 is not a power of two from 16 KiB (16384) to 256 MiB (268435456)"),
                reject("piece length zero", single(info -> info.put("piece length", integer(0))),
                        "info.piece length: 0 is not a power of two from 16 KiB (16384) to 256 MiB (268435456)"),
                reject("piece length negative", single(info -> info.put("piece length", integer(-16384))),
                        "info.piece length: -16384 is not a power of two from 16 KiB (16384) to 256 MiB (268435456)"),
                reject("missing pieces", single(info -> info.remove("pieces")), "info: missing key 'pieces'"),
                reject("pieces is a list", single(info -> info.put("pieces", list())),
                        "info: key 'pieces': expected byte string, found list"),
                reject("pieces not a multiple of 20", single(info -> info.put("pieces", string("x".repeat(45)))),
                        "info.pieces: 45 bytes is not a whole number of 20-byte SHA-1 hashes"),
                reject("too few piece hashes", single(info -> info.put("pieces", string("x".repeat(40)))),
                        "info.pieces: 2 piece hashes, but 49152 bytes in pieces of 16384 need 3"),
                reject("too many piece hashes", single(info -> info.put("pieces", string("x".repeat(80)))),
                        "info.pieces: 4 piece hashes, but 49152 bytes in pieces of 16384 need 3"),
                reject("v2-only torrent", single(info -> {
                    info.remove("pieces");
                    info.put("meta version", integer(2));
                    info.put("file tree", BDictionary.empty());
                }), "info: no 'pieces'; BitTorrent v2-only torrents are not supported"),
                reject("private is 2", single(info -> info.put("private", integer(2))),
                        "info.private: must be 0 or 1, found 2"),
                reject("private is a string", single(info -> info.put("private", string("1"))),
                        "info: key 'private': expected integer, found byte string"),
                // length and files
                reject("both length and files", single(info -> info.put("files", list(file(1, "a")))),
                        "info: has both 'length' (one file) and 'files' (several)"),
                reject("neither length nor files", single(info -> info.remove("length")),
                        "info: needs 'length' (one file) or 'files' (several)"),
                reject("length is a string", single(info -> info.put("length", string("5"))),
                        "info: key 'length': expected integer, found byte string"),
                reject("negative length", single(info -> info.put("length", integer(-5))), "info.length: negative (-5)"),
                reject("empty single file", single(info -> {
                    info.put("length", integer(0));
                    info.put("pieces", string(""));
                }), "info: no content (total size 0); a torrent needs at least one byte"),
                reject("files is a dictionary", multi(info -> info.put("files", BDictionary.empty())),
                        "info: key 'files': expected list, found dictionary"),
                reject("files is empty", multi(info -> info.put("files", list())),
                        "info.files: empty list; a torrent needs at least one file"),
                reject("file is a string", multi(info -> info.put("files", list(file(1, "a"), string("b")))),
                        "info.files[1]: expected dictionary, found byte string"),
                reject("file without length", multi(info -> info.put("files",
                        list(BDictionary.builder().put("path", list(string("a"))).build()))),
                        "info.files[0]: missing key 'length'"),
                reject("file without path", multi(info -> info.put("files",
                        list(BDictionary.builder().put("length", 1).build()))),
                        "info.files[0]: missing key 'path'"),
                reject("file path is a string", multi(info -> info.put("files",
                        list(BDictionary.builder().put("length", 1).put("path", "a/b").build()))),
                        "info.files[0]: key 'path': expected list, found byte string"),
                reject("file path is empty", multi(info -> info.put("files", list(file(1)))),
                        "info.files[0].path: empty list; a file needs at least one path component"),
                reject("file path component is an integer", multi(info -> info.put("files",
                        list(BDictionary.builder().put("length", 1).put("path", list(string("a"), integer(2))).build()))),
                        "info.files[0].path[1]: expected byte string, found integer"),
                reject("file length negative", multi(info -> info.put("files", list(file(1, "a"), file(-1, "b")))),
                        "info.files[1].length: negative (-1)"),
                reject("file attr is an integer", multi(info -> info.put("files",
                        list(BDictionary.builder().put("attr", 1).put("length", 1).put("path", list(string("a"))).build()))),
                        "info.files[0]: key 'attr': expected byte string, found integer"),
                reject("symbolic link entry", multi(info -> info.put("files",
                        list(BDictionary.builder().put("attr", "l").put("length", 0).put("path", list(string("a")))
                                .put("symlink path", list(string(".."), string("etc"))).build()))),
                        "info.files[0]: symbolic link entries (BEP 47 attr 'l') are not supported"),
                reject("all files empty", multi(info -> {
                    info.put("files", list(file(0, "a"), file(0, "b")));
                    info.put("pieces", string(""));
                }), "info: no content (total size 0); a torrent needs at least one byte"),
                reject("total size overflows", multi(info -> info.put("files",
                        list(file(Long.MAX_VALUE / 2 + 1, "a"), file(Long.MAX_VALUE / 2 + 1, "b")))),
                        "info.files: total size overflows 64 bits at info.files[1]"),
                reject("two files at one path", multi(info -> info.put("files", list(file(1, "a", "b"), file(1, "a", "b")))),
                        "info.files: two files at path 'dir/a/b'"),
                reject("file where a directory is needed", multi(info -> info.put("files",
                        list(file(1, "a"), file(1, "a", "b")))),
                        "info.files: 'dir/a' is both a file and a directory"),
                reject("directory where a file is needed", multi(info -> info.put("files",
                        list(file(1, "a", "b", "c"), file(1, "a", "b")))),
                        "info.files: 'dir/a/b' is both a file and a directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTorrents")
    void refused(byte[] torrent, String message) {
        assertThatThrownBy(() -> MetainfoParser.parse(torrent))
                .isInstanceOf(MetainfoException.class)
                .hasMessage(message);
    }

    private static Arguments reject(String name, byte[] torrent, String message) {
        return Arguments.of(named(name, torrent), message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A valid single-file torrent of 3 pieces, changed at the top level. */
    private static byte[] topLevel(Consumer<Map<String, BValue>> change) {
        Map<String, BValue> top = new LinkedHashMap<>();
        top.put("announce", string(TorrentFixture.ANNOUNCE));
        top.put("info", TorrentFixture.dictionary(singleFileInfo("x", 3 * PIECE)));
        change.accept(top);
        BDictionary.Builder builder = BDictionary.builder();
        top.forEach(builder::put);
        return new BencodeEncoder().encode(builder.build());
    }

    /** A valid single-file torrent of 3 pieces, changed in its info dictionary. */
    private static byte[] single(Consumer<Map<String, BValue>> change) {
        Map<String, BValue> info = singleFileInfo("x", 3 * PIECE);
        change.accept(info);
        return torrent(info);
    }

    /** A valid multi-file torrent named {@code dir} of one piece, changed in its info dictionary. */
    private static byte[] multi(Consumer<Map<String, BValue>> change) {
        Map<String, BValue> info = multiFileInfo("dir", "a", 1, "b", 1);
        change.accept(info);
        return torrent(info);
    }
}
