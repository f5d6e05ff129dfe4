package dev.switchboard.torrent.metainfo;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeDecoder;
import dev.switchboard.bencode.BencodeException;
import dev.switchboard.bencode.BencodeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Reads a .torrent file (BEP 3) into a checked {@link Metainfo}, or refuses it with a {@link
 * MetainfoException} naming the key or path at fault.
 *
 * <p>Strict where a mistake would hurt: canonical bencoding only (what libtorrent, mktorrent,
 * Transmission and qBittorrent write), every key of the expected type, a power-of-two piece length (see
 * {@link PieceLength}), exactly one 20-byte hash per piece of the content, {@code private} 0 or 1, and
 * every file path safe to create below a download directory (see {@link TorrentPath}), with no two files
 * at the same path and no file where another needs a directory. Lenient where tools differ: unknown keys
 * are ignored (they still count towards the info-hash), empty {@code announce-list} tiers are dropped,
 * descriptive strings that are not UTF-8 are read with replacement characters. Hybrid v1+v2 torrents
 * (BEP 52) are read through their v1 fields; v2-only torrents are refused. The details of the info
 * dictionary are checked by {@link InfoParser}.
 */
public final class MetainfoParser {
    private static final BencodeDecoder DECODER = new BencodeDecoder();

    private MetainfoParser() {}

    /** Parses a whole .torrent file. */
    public static Metainfo parse(byte[] torrent) {
        BDictionary root;
        try {
            root = DECODER.decodeDictionary(torrent);
        } catch (BencodeException e) {
            throw new MetainfoException("not a bencoded dictionary: " + e.getMessage(), e);
        }
        BDictionary info = at("torrent", () -> root.getDictionary("info"));
        Metainfo.Info checkedInfo = InfoParser.parse(info);
        return new Metainfo(torrent.clone(), trackers(root), description(root), checkedInfo);
    }

    /**
     * Reads and parses the .torrent file at {@code file}, refusing files larger than the bencode
     * decoder's input limit before reading them.
     */
    public static Metainfo read(Path file) throws IOException {
        long size = Files.size(file);
        int limit = BencodeLimits.DEFAULTS.maxInputLength();
        if (size > limit) {
            throw new MetainfoException("file of " + size + " bytes; a .torrent may have at most " + limit);
        }
        return parse(Files.readAllBytes(file));
    }

    private static Metainfo.Trackers trackers(BDictionary root) {
        Optional<String> announce = at("torrent", () -> root.optionalString("announce"))
                .filter(url -> !url.isEmpty());
        Optional<BList> announceList = at("torrent", () -> root.optionalList("announce-list"));
        List<List<String>> tiers = new ArrayList<>();
        if (announceList.isPresent()) {
            List<BValue> rawTiers = announceList.get().values();
            for (int t = 0; t < rawTiers.size(); t++) {
                String where = "announce-list[" + t + "]";
                BList tier = as(rawTiers.get(t), BList.class, "list", where);
                List<String> urls = new ArrayList<>();
                for (int u = 0; u < tier.size(); u++) {
                    String url = as(tier.get(u), BString.class, "byte string", where + "[" + u + "]").utf8();
                    if (!url.isEmpty()) {
                        urls.add(url);
                    }
                }
                if (!urls.isEmpty()) {
                    tiers.add(List.copyOf(urls));
                }
            }
        }
        return new Metainfo.Trackers(announce, List.copyOf(tiers));
    }

    private static Metainfo.Description description(BDictionary root) {
        Optional<String> comment = at("torrent", () -> root.optionalString("comment"));
        Optional<String> createdBy = at("torrent", () -> root.optionalString("created by"));
        OptionalLong date = at("torrent", () -> root.optionalLong("creation date"));
        Optional<Instant> creationDate = Optional.empty();
        if (date.isPresent()) {
            if (date.getAsLong() < 0) {
                throw new MetainfoException("creation date: negative (" + date.getAsLong() + ")");
            }
            try {
                creationDate = Optional.of(Instant.ofEpochSecond(date.getAsLong()));
            } catch (DateTimeException e) {
                throw new MetainfoException("creation date: out of range (" + date.getAsLong() + ")", e);
            }
        }
        return new Metainfo.Description(comment, createdBy, creationDate);
    }

    /** Runs a typed getter of dictionary {@code where}, turning its failure into one naming the place. */
    static <T> T at(String where, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (BencodeException e) {
            throw new MetainfoException(where + ": " + e.getMessage(), e);
        }
    }

    /** Returns {@code value} as a {@code kind}, or throws naming the place and both types. */
    static <T extends BValue> T as(BValue value, Class<T> kind, String kindName, String where) {
        if (!kind.isInstance(value)) {
            throw new MetainfoException(where + ": expected " + kindName + ", found " + value.type().displayName());
        }
        return kind.cast(value);
    }
}
