package dev.switchboard.torrent.metainfo;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeEncoder;
import dev.switchboard.torrent.metainfo.TorrentSource.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes a v1 .torrent (BEP 3, with BEP 12 tiers and BEP 27 private flag) from a file or a directory.
 *
 * <p>Which files go in, in which order, and how symbolic links are treated is documented on {@link
 * TorrentSource}; the piece length on {@link PieceLength}; the hashing on {@link PieceHasher}. The same
 * files and configuration (including the clock) give the same bytes. The result is read back through
 * {@link MetainfoParser}, so whatever this class writes, Switchboard reads.
 */
public final class TorrentCreator {
    private final TorrentCreatorConfig config;

    /** Creates a creator writing torrents as {@code config} says. */
    public TorrentCreator(TorrentCreatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Scans and hashes {@code source} and returns the new torrent; write {@link Metainfo#bytes()} to save
     * it. Problems with the source (nothing to share, an unsafe name, a link leaving the directory) are
     * a {@link MetainfoException}; reading failures an {@link IOException}.
     */
    public Metainfo create(Path source, HashingProgress progress) throws IOException, InterruptedException {
        Objects.requireNonNull(progress, "progress");
        TorrentSource content = TorrentSource.scan(source);
        long totalSize = content.totalSize();
        if (totalSize == 0) {
            throw new MetainfoException(source + ": nothing to share; every file is empty");
        }
        int pieceLength = config.pieceLength().orElseGet(() -> PieceLength.auto(totalSize));
        byte[] pieces = new PieceHasher(config.hashThreads(), config.readBufferSize())
                .hash(content.files(), pieceLength, progress);
        content.checkUnchanged();
        byte[] encoded = new BencodeEncoder().encode(torrent(info(content, pieceLength, pieces)));
        return MetainfoParser.parse(encoded);
    }

    private BDictionary torrent(BDictionary info) {
        BDictionary.Builder torrent = BDictionary.builder();
        List<List<String>> tiers = config.trackerTiers();
        if (!tiers.isEmpty()) {
            torrent.put("announce", tiers.get(0).get(0));
        }
        if (tiers.size() > 1 || (tiers.size() == 1 && tiers.get(0).size() > 1)) {
            List<BValue> list = new ArrayList<>();
            for (List<String> tier : tiers) {
                list.add(BList.of(tier.stream().map(BString::of).toList()));
            }
            torrent.put("announce-list", BList.of(list));
        }
        config.comment().ifPresent(comment -> torrent.put("comment", comment));
        torrent.put("created by", config.createdBy());
        torrent.put("creation date", config.clock().instant().getEpochSecond());
        torrent.put("info", info);
        return torrent.build();
    }

    private BDictionary info(TorrentSource content, int pieceLength, byte[] pieces) {
        BDictionary.Builder info = BDictionary.builder();
        if (content.multiFile()) {
            List<BValue> files = new ArrayList<>();
            for (SourceFile file : content.files()) {
                List<String> components = file.path().components();
                List<BString> path = components.subList(1, components.size()).stream().map(BString::of).toList();
                files.add(BDictionary.builder().put("length", file.length()).put("path", BList.of(path)).build());
            }
            info.put("files", BList.of(files));
        } else {
            info.put("length", content.files().get(0).length());
        }
        info.put("name", content.name());
        info.put("piece length", pieceLength);
        info.put("pieces", pieces);
        if (config.privateTorrent()) {
            info.put("private", 1);
        }
        return info.build();
    }
}
