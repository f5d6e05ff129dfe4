package dev.switchboard.torrent.metainfo;

/**
 * Hears how far hashing has come. {@link TorrentCreator} calls it from its hashing threads, one call at a
 * time and with {@code hashedBytes} never decreasing, after every piece; the last call has {@code
 * hashedBytes == totalBytes}. Keep it quick: hashing waits while it runs.
 */
@FunctionalInterface
public interface HashingProgress {
    /** Ignores all progress. */
    HashingProgress NONE = (hashedBytes, totalBytes) -> { };

    /** Reports that {@code hashedBytes} of {@code totalBytes} have been hashed. */
    void update(long hashedBytes, long totalBytes);
}
