package dev.switchboard.torrent.tracker;

/** A peer handed out in an announce reply. */
public record Peer(PeerId id, PeerEndpoint endpoint) {
}
