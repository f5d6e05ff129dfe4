package dev.switchboard.torrent.client;

import java.util.Optional;

/**
 * One torrent at one moment, for progress displays and scripts. Refreshed about once a second.
 *
 * @param name the torrent's name
 * @param state where it is in its life
 * @param piecesHave verified pieces
 * @param pieceCount all pieces
 * @param bytesHave bytes in verified pieces
 * @param totalBytes the payload's size
 * @param downloaded payload bytes received from peers in this session (including discarded ones)
 * @param uploaded payload bytes sent to peers in this session
 * @param downloadRate bytes per second received, recently
 * @param uploadRate bytes per second sent, recently
 * @param peers connected peers
 * @param hashFailures pieces that failed their hash check in this session
 * @param error why the torrent failed, when {@code state} is {@link TorrentState#FAILED}
 */
public record TorrentStatus(String name, TorrentState state, int piecesHave, int pieceCount, long bytesHave,
        long totalBytes, long downloaded, long uploaded, long downloadRate, long uploadRate, int peers,
        int hashFailures, Optional<String> error) {

    /** Bytes still missing. */
    public long left() {
        return totalBytes - bytesHave;
    }

    public boolean isComplete() {
        return piecesHave == pieceCount;
    }
}
