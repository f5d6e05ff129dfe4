package dev.switchboard.torrent.metainfo;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BInteger;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeEncoder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds .torrent bytes for tests from plain maps, so each test can start from a valid torrent and
 * change, add or remove exactly one key.
 */
final class TorrentFixture {
    static final String ANNOUNCE = "http://tracker.example:6969/announce";
    static final int PIECE = 16 * 1024;

    private TorrentFixture() {}

    /** A single-file info dictionary: {@code name}, {@code length}, 16 KiB pieces with dummy hashes. */
    static Map<String, BValue> singleFileInfo(String name, long length) {
        Map<String, BValue> info = new LinkedHashMap<>();
        info.put("name", BString.of(name));
        info.put("length", BInteger.of(length));
        info.put("piece length", BInteger.of(PIECE));
        info.put("pieces", BString.of(dummyHashes((int) PieceLength.pieceCount(length, PIECE))));
        return info;
    }

    /** A multi-file info dictionary with 16 KiB pieces; {@code files} alternates path and length. */
    static Map<String, BValue> multiFileInfo(String name, Object... pathsAndLengths) {
        BValue[] files = new BValue[pathsAndLengths.length / 2];
        long total = 0;
        for (int i = 0; i < files.length; i++) {
            String path = (String) pathsAndLengths[2 * i];
            long length = ((Number) pathsAndLengths[2 * i + 1]).longValue();
            files[i] = file(length, path.split("/", -1));
            total += length;
        }
        Map<String, BValue> info = new LinkedHashMap<>();
        info.put("name", BString.of(name));
        info.put("files", BList.of(files));
        info.put("piece length", BInteger.of(PIECE));
        info.put("pieces", BString.of(dummyHashes((int) PieceLength.pieceCount(total, PIECE))));
        return info;
    }

    /** One {@code files} entry. */
    static BDictionary file(long length, String... path) {
        return BDictionary.builder()
                .put("length", length)
                .put("path", BList.of(Arrays.stream(path).map(BString::of).toList()))
                .build();
    }

    /** One {@code files} entry whose path components are raw bytes. */
    static BDictionary rawFile(long length, byte[]... path) {
        return BDictionary.builder()
                .put("length", length)
                .put("path", BList.of(Arrays.stream(path).map(BString::of).toList()))
                .build();
    }

    /** {@code count} distinct 20-byte hashes. */
    static byte[] dummyHashes(int count) {
        byte[] hashes = new byte[count * 20];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = (byte) (i / 20 + 1);
        }
        return hashes;
    }

    /** A whole torrent: {@code announce} plus {@code info}. */
    static byte[] torrent(Map<String, BValue> info) {
        Map<String, BValue> top = new LinkedHashMap<>();
        top.put("announce", BString.of(ANNOUNCE));
        return torrent(top, info);
    }

    /** A whole torrent: the top-level entries of {@code top} plus {@code info}. */
    static byte[] torrent(Map<String, BValue> top, Map<String, BValue> info) {
        Map<String, BValue> all = new LinkedHashMap<>(top);
        all.put("info", dictionary(info));
        return new BencodeEncoder().encode(dictionary(all));
    }

    static BDictionary dictionary(Map<String, BValue> entries) {
        BDictionary.Builder builder = BDictionary.builder();
        entries.forEach(builder::put);
        return builder.build();
    }

    static BList list(BValue... values) {
        return BList.of(List.of(values));
    }

    static BString string(String text) {
        return BString.of(text);
    }

    static BInteger integer(long value) {
        return BInteger.of(value);
    }
}
