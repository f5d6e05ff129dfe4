package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.InfoHash;
import java.util.Optional;

/** Finds the torrent an incoming handshake names among those we serve; empty drops the connection. */
@FunctionalInterface
public interface TorrentLookup {
    Optional<ServedTorrent> find(InfoHash infoHash);
}
