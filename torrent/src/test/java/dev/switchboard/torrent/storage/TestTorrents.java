package dev.switchboard.torrent.storage;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeEncoder;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.metainfo.MetainfoParser;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Torrents with real piece hashes over content held in memory, in any file layout a test needs. */
final class TestTorrents {
    static final int PIECE = 16 * 1024;

    /** One file of content: its path below the torrent's name ("a/b.bin") and bytes. */
    record Content(String path, byte[] data) {}

    private TestTorrents() {}

    /** Returns {@code length} bytes of seeded random data. */
    static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A single-file torrent named {@code name} of {@code data}, in pieces of {@code pieceLength}. */
    static Metainfo singleFile(String name, byte[] data, int pieceLength) {
        BDictionary info = BDictionary.builder()
                .put("length", data.length)
                .put("name", name)
                .put("piece length", pieceLength)
                .put("pieces", hashes(data, pieceLength))
                .build();
        return parse(info);
    }

    /** A single-file torrent of {@code size} bytes whose piece hashes match nothing (for geometry only). */
    static Metainfo hugeSingleFile(String name, long size, int pieceLength) {
        int pieces = (int) ((size + pieceLength - 1) / pieceLength);
        BDictionary info = BDictionary.builder()
                .put("length", size)
                .put("name", name)
                .put("piece length", pieceLength)
                .put("pieces", new byte[pieces * 20])
                .build();
        return parse(info);
    }

    /** A multi-file torrent named {@code name} of {@code files} in that order. */
    static Metainfo multiFile(String name, int pieceLength, Content... files) {
        List<BValue> entries = new ArrayList<>();
        for (Content file : files) {
            List<BString> path = Arrays.stream(file.path().split("/")).map(BString::of).toList();
            entries.add(BDictionary.builder().put("length", file.data().length).put("path", BList.of(path)).build());
        }
        BDictionary info = BDictionary.builder()
                .put("files", BList.of(entries))
                .put("name", name)
                .put("piece length", pieceLength)
                .put("pieces", hashes(concat(files), pieceLength))
                .build();
        return parse(info);
    }

    /** Returns the torrent's byte stream: every file's bytes laid end to end. */
    static byte[] concat(Content... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Content file : files) {
            out.writeBytes(file.data());
        }
        return out.toByteArray();
    }

    private static Metainfo parse(BDictionary info) {
        return MetainfoParser.parse(new BencodeEncoder().encode(BDictionary.builder().put("info", info).build()));
    }

    private static byte[] hashes(byte[] stream, int pieceLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int start = 0; start < stream.length; start += pieceLength) {
            out.writeBytes(sha1(Arrays.copyOfRange(stream, start, Math.min(stream.length, start + pieceLength))));
        }
        return out.toByteArray();
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
