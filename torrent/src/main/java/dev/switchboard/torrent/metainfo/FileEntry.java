package dev.switchboard.torrent.metainfo;

import java.util.Objects;

/**
 * One file of a torrent and where its bytes sit in the torrent's byte stream (all files concatenated
 * in order, which the pieces are cut from).
 *
 * @param path where the file goes, relative to the download directory; for a multi-file torrent the
 *     first component is the torrent's name
 * @param length the file's size in bytes, possibly 0
 * @param offset where the file starts in the torrent's byte stream
 * @param padding whether this is a BEP 47 padding file (attribute {@code p}): zeros that align the next
 *     file to a piece boundary, counted in the stream but not meant to be written to disk
 */
public record FileEntry(TorrentPath path, long length, long offset, boolean padding) {

    /** Checks that the length and offset are not negative. */
    public FileEntry {
        Objects.requireNonNull(path, "path");
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length + " for " + path);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " for " + path);
        }
    }

    /** Returns the offset just past the file's last byte in the torrent's byte stream. */
    public long endOffset() {
        return offset + length;
    }
}
