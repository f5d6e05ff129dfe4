package dev.switchboard.torrent.client;

/** Where one torrent is in its life. */
public enum TorrentState {
    /** The data already on disk is being verified (resume). */
    CHECKING,
    /** Pieces are missing and being downloaded. */
    DOWNLOADING,
    /** Every piece is verified; serving others. */
    SEEDING,
    /** Stopped by the user (or complete, without seeding). */
    STOPPED,
    /** Stopped by an error, such as a full disk; see {@link TorrentStatus#error()}. */
    FAILED
}
