package dev.switchboard.torrent.tracker;

/**
 * What a swarm remembers of one peer. Mutable, and only touched by the thread holding its swarm's
 * shard (see {@link TrackerState}).
 */
final class SwarmPeer {
    final PeerEndpoint endpoint;
    PeerId id;
    long left;
    long lastSeenMillis;
    boolean countedComplete;

    SwarmPeer(PeerId id, PeerEndpoint endpoint, long left, long lastSeenMillis) {
        this.id = id;
        this.endpoint = endpoint;
        this.left = left;
        this.lastSeenMillis = lastSeenMillis;
    }

    boolean isSeeder() {
        return left == 0;
    }

    Peer toPeer() {
        return new Peer(id, endpoint);
    }
}
