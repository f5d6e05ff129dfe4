package dev.switchboard.torrent.metainfo;

import static dev.switchboard.torrent.metainfo.MetainfoParser.as;
import static dev.switchboard.torrent.metainfo.MetainfoParser.at;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks a torrent's info dictionary (BEP 3, with BEP 27 {@code private} and BEP 47 file attributes)
 * and turns it into {@link Metainfo.Info}. Errors name the key, e.g. {@code info.files[3].length}.
 */
final class InfoParser {
    private InfoParser() {}

    static Metainfo.Info parse(BDictionary info) {
        if (!info.containsKey("pieces") && info.containsKey("meta version")) {
            throw new MetainfoException("info: no 'pieces'; BitTorrent v2-only torrents are not supported");
        }
        BString rawName = at("info", () -> info.getByteString("name"));
        TorrentPath name = path("info.name", List.of(rawName.bytes()));
        int pieceLength = pieceLength(at("info", () -> info.getLong("piece length")));
        byte[] pieces = at("info", () -> info.getByteString("pieces")).bytes();
        if (pieces.length % Sha1.LENGTH != 0) {
            throw new MetainfoException("info.pieces: " + pieces.length + " bytes is not a whole number of "
                    + Sha1.LENGTH + "-byte SHA-1 hashes");
        }
        boolean isPrivate = privateFlag(at("info", () -> info.optionalLong("private")));
        boolean multiFile = info.containsKey("files");
        if (multiFile && info.containsKey("length")) {
            throw new MetainfoException("info: has both 'length' (one file) and 'files' (several)");
        }
        if (!multiFile && !info.containsKey("length")) {
            throw new MetainfoException("info: needs 'length' (one file) or 'files' (several)");
        }
        List<FileEntry> files = multiFile
                ? files(at("info", () -> info.getList("files")), rawName.bytes())
                : List.of(new FileEntry(name, length("info.length", at("info", () -> info.getLong("length"))), 0, false));
        long totalSize = files.get(files.size() - 1).endOffset();
        checkPieceCount(totalSize, pieceLength, pieces.length / Sha1.LENGTH);
        return new Metainfo.Info(info.rawBytes(), name.fileName(), pieceLength, pieces, isPrivate, multiFile, files);
    }

    private static int pieceLength(long value) {
        if (!PieceLength.isValid(value)) {
            throw new MetainfoException("info.piece length: " + value
                    + " is not a power of two from 16 KiB (16384) to 256 MiB (268435456)");
        }
        return (int) value;
    }

    private static boolean privateFlag(OptionalLong value) {
        if (value.isEmpty()) {
            return false;
        }
        if (value.getAsLong() != 0 && value.getAsLong() != 1) {
            throw new MetainfoException("info.private: must be 0 or 1, found " + value.getAsLong());
        }
        return value.getAsLong() == 1;
    }

    private static List<FileEntry> files(BList list, byte[] name) {
        if (list.isEmpty()) {
            throw new MetainfoException("info.files: empty list; a torrent needs at least one file");
        }
        List<FileEntry> files = new ArrayList<>(list.size());
        long offset = 0;
        for (int i = 0; i < list.size(); i++) {
            String where = "info.files[" + i + "]";
            FileEntry file = file(as(list.get(i), BDictionary.class, "dictionary", where), where, name, offset);
            try {
                offset = Math.addExact(offset, file.length());
            } catch (ArithmeticException e) {
                throw new MetainfoException("info.files: total size overflows 64 bits at " + where, e);
            }
            files.add(file);
        }
        checkNoClashes(files);
        return files;
    }

    private static FileEntry file(BDictionary entry, String where, byte[] name, long offset) {
        long length = length(where + ".length", at(where, () -> entry.getLong("length")));
        BList rawPath = at(where, () -> entry.getList("path"));
        Optional<BString> attr = at(where, () -> entry.optionalByteString("attr"));
        String attributes = attr.map(BString::utf8).orElse("");
        if (attributes.indexOf('l') >= 0) {
            throw new MetainfoException(where + ": symbolic link entries (BEP 47 attr 'l') are not supported");
        }
        if (rawPath.isEmpty()) {
            throw new MetainfoException(where + ".path: empty list; a file needs at least one path component");
        }
        List<byte[]> components = new ArrayList<>(rawPath.size() + 1);
        components.add(name);
        List<BValue> values = rawPath.values();
        for (int c = 0; c < values.size(); c++) {
            components.add(as(values.get(c), BString.class, "byte string", where + ".path[" + c + "]").bytes());
        }
        return new FileEntry(path(where + ".path", components), length, offset, attributes.indexOf('p') >= 0);
    }

    private static long length(String where, long value) {
        if (value < 0) {
            throw new MetainfoException(where + ": negative (" + value + ")");
        }
        return value;
    }

    private static TorrentPath path(String where, List<byte[]> components) {
        try {
            return TorrentPath.ofUtf8(components);
        } catch (MetainfoException e) {
            throw new MetainfoException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses two files at one path, and a file at a path another file needs as a directory. Padding
     * files are exempt: they are not written, and libtorrent names several alike ({@code .pad/N}).
     */
    private static void checkNoClashes(List<FileEntry> files) {
        Set<TorrentPath> filePaths = new HashSet<>();
        Set<List<String>> directories = new HashSet<>();
        for (FileEntry file : files) {
            if (file.padding()) {
                continue;
            }
            TorrentPath path = file.path();
            if (!filePaths.add(path)) {
                throw new MetainfoException("info.files: two files at path '" + path + "'");
            }
            List<String> components = path.components();
            if (directories.contains(components)) {
                throw new MetainfoException("info.files: '" + path + "' is both a file and a directory");
            }
            for (int end = 1; end < components.size(); end++) {
                List<String> parent = components.subList(0, end);
                if (filePaths.contains(TorrentPath.of(parent))) {
                    throw new MetainfoException("info.files: '" + TorrentPath.of(parent)
                            + "' is both a file and a directory");
                }
                directories.add(List.copyOf(parent));
            }
        }
    }

    private static void checkPieceCount(long totalSize, int pieceLength, int hashes) {
        if (totalSize == 0) {
            throw new MetainfoException("info: no content (total size 0); a torrent needs at least one byte");
        }
        long needed = PieceLength.pieceCount(totalSize, pieceLength);
        if (needed != hashes) {
            throw new MetainfoException("info.pieces: " + hashes + " piece hashes, but " + totalSize
                    + " bytes in pieces of " + pieceLength + " need " + needed);
        }
    }
}
