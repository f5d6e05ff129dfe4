package dev.switchboard.interop.torrent;

import dev.switchboard.torrent.InfoHash;
import java.nio.file.Path;

/**
 * A .torrent a scenario wrote, with the info-hash under which the tracker counts its swarm.
 *
 * @param path where the .torrent is
 * @param infoHash its v1 info-hash
 * @param maker who made it: {@code switchboard} or {@code libtorrent}
 */
record TorrentFile(Path path, InfoHash infoHash, String maker) {
}
