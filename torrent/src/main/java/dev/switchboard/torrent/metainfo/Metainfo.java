package dev.switchboard.torrent.metainfo;

import dev.switchboard.torrent.InfoHash;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked .torrent file (BEP 3): trackers, descriptive fields and the info dictionary with its
 * info-hash, files and piece hashes. Only {@link MetainfoParser} makes instances, so every instance has
 * passed its checks: safe paths, a valid piece length, exactly as many piece hashes as the content
 * needs. Immutable; byte arrays are copied on the way out.
 */
public final class Metainfo {
    private final byte[] encoded;
    private final byte[] infoBytes;
    private final InfoHash infoHash;
    private final Trackers trackers;
    private final Description description;
    private final String name;
    private final int pieceLength;
    private final byte[] pieceHashes;
    private final boolean isPrivate;
    private final boolean multiFile;
    private final List<FileEntry> files;
    private final long totalSize;

    /** The tracker fields outside the info dictionary (BEP 3 and BEP 12). */
    record Trackers(Optional<String> announce, List<List<String>> announceList) {}

    /** The optional descriptive fields outside the info dictionary. */
    record Description(Optional<String> comment, Optional<String> createdBy, Optional<Instant> creationDate) {}

    /** The checked content of the info dictionary and its exact bytes; arrays are owned, not copied. */
    record Info(byte[] raw, String name, int pieceLength, byte[] pieceHashes, boolean isPrivate,
                boolean multiFile, List<FileEntry> files) {}

    Metainfo(byte[] encoded, Trackers trackers, Description description, Info info) {
        this.encoded = Objects.requireNonNull(encoded, "encoded");
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.description = Objects.requireNonNull(description, "description");
        this.infoBytes = info.raw();
        this.infoHash = InfoHash.ofInfoDictionary(infoBytes);
        this.name = info.name();
        this.pieceLength = info.pieceLength();
        this.pieceHashes = info.pieceHashes();
        this.isPrivate = info.isPrivate();
        this.multiFile = info.multiFile();
        this.files = List.copyOf(info.files());
        this.totalSize = files.get(files.size() - 1).endOffset();
    }

    /** Returns a copy of the whole .torrent file exactly as parsed (or as created). */
    public byte[] bytes() {
        return encoded.clone();
    }

    /** Returns a copy of the exact bytes of the info dictionary, which the info-hash is taken over. */
    public byte[] infoDictionaryBytes() {
        return infoBytes.clone();
    }

    /** Returns the SHA-1 of {@link #infoDictionaryBytes()}. */
    public InfoHash infoHash() {
        return infoHash;
    }

    /** Returns the {@code announce} URL, if any. */
    public Optional<String> announce() {
        return trackers.announce();
    }

    /** Returns the BEP 12 {@code announce-list} tiers as written, without empty tiers; empty if absent. */
    public List<List<String>> announceList() {
        return trackers.announceList();
    }

    /**
     * Returns the tiers a client uses: the {@code announce-list} when it has any URL (BEP 12 says to
     * ignore {@code announce} then), else {@code announce} as the only tier, else none (a trackerless
     * torrent).
     */
    public List<List<String>> trackerTiers() {
        if (!trackers.announceList().isEmpty()) {
            return trackers.announceList();
        }
        return trackers.announce().map(url -> List.of(List.of(url))).orElse(List.of());
    }

    /** Returns the {@code comment}, if any. */
    public Optional<String> comment() {
        return description.comment();
    }

    /** Returns the {@code created by} field, if any. */
    public Optional<String> createdBy() {
        return description.createdBy();
    }

    /** Returns the {@code creation date}, if any. */
    public Optional<Instant> creationDate() {
        return description.creationDate();
    }

    /** Returns the torrent's name: the file name of a single-file torrent, else the directory name. */
    public String name() {
        return name;
    }

    /** Returns the length of every piece but the last. */
    public int pieceLength() {
        return pieceLength;
    }

    /** Returns the number of pieces. */
    public int pieceCount() {
        return pieceHashes.length / Sha1.LENGTH;
    }

    /** Returns the length of piece {@code index}: {@link #pieceLength()} for all but the last. */
    public int pieceSize(int index) {
        Objects.checkIndex(index, pieceCount());
        return index == pieceCount() - 1 ? lastPieceSize() : pieceLength;
    }

    /** Returns the length of the last piece, between 1 and {@link #pieceLength()}. */
    public int lastPieceSize() {
        return (int) (totalSize - (long) (pieceCount() - 1) * pieceLength);
    }

    /** Returns a copy of the SHA-1 of piece {@code index}. */
    public byte[] pieceHash(int index) {
        Objects.checkIndex(index, pieceCount());
        return Arrays.copyOfRange(pieceHashes, index * Sha1.LENGTH, (index + 1) * Sha1.LENGTH);
    }

    /** Returns a copy of all piece hashes, 20 bytes each, in piece order (the {@code pieces} string). */
    public byte[] pieceHashes() {
        return pieceHashes.clone();
    }

    /** Returns whether the torrent is private (BEP 27: {@code private=1}, no DHT, PEX or LSD). */
    public boolean isPrivate() {
        return isPrivate;
    }

    /** Returns whether the info dictionary has a {@code files} list rather than a single {@code length}. */
    public boolean isMultiFile() {
        return multiFile;
    }

    /** Returns the files in stream order; one entry, named {@link #name()}, for a single-file torrent. */
    public List<FileEntry> files() {
        return files;
    }

    /** Returns the size of the content: the sum of all file lengths, padding included. */
    public long totalSize() {
        return totalSize;
    }

    @Override
    public String toString() {
        return "Metainfo[" + name + ", " + infoHash + ", " + files.size() + " files, " + totalSize + " bytes, "
                + pieceCount() + " x " + pieceLength + "]";
    }
}
