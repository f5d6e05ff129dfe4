package dev.switchboard.torrent.tracker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The peers of one swarm and one address family, kept so that finding, adding and removing a peer
 * and drawing k random peers all cost O(1) per peer: a list for random access plus an index of
 * endpoint to list position (removal moves the last peer into the gap). Not thread-safe.
 */
final class PeerPool {
    private final ArrayList<SwarmPeer> peers = new ArrayList<>();
    private final Map<PeerEndpoint, Integer> positions = new HashMap<>();

    int size() {
        return peers.size();
    }

    SwarmPeer find(PeerEndpoint endpoint) {
        Integer at = positions.get(endpoint);
        return at == null ? null : peers.get(at);
    }

    void add(SwarmPeer peer) {
        positions.put(peer.endpoint, peers.size());
        peers.add(peer);
    }

    SwarmPeer remove(PeerEndpoint endpoint) {
        Integer at = positions.remove(endpoint);
        if (at == null) {
            return null;
        }
        SwarmPeer removed = peers.get(at);
        SwarmPeer last = peers.remove(peers.size() - 1);
        if (last != removed) {
            peers.set(at, last);
            positions.put(last.endpoint, at);
        }
        return removed;
    }

    /** Peers that could be handed to {@code requester}: all but the requester itself. */
    int countOthers(PeerEndpoint requester) {
        return positions.containsKey(requester) ? peers.size() - 1 : peers.size();
    }

    /**
     * Adds {@code k} peers chosen uniformly at random, never {@code requester}, to {@code out}
     * (Floyd's sampling: k draws, whatever the pool's size). Fewer when there are not that many.
     */
    void sample(int k, PeerEndpoint requester, RandomGenerator random, List<Peer> out) {
        Integer excluded = positions.get(requester);
        int candidates = excluded == null ? peers.size() : peers.size() - 1;
        int wanted = Math.min(k, candidates);
        if (wanted <= 0) {
            return;
        }
        if (wanted == candidates) {
            for (SwarmPeer peer : peers) {
                if (!peer.endpoint.equals(requester)) {
                    out.add(peer.toPeer());
                }
            }
            return;
        }
        Set<Integer> chosen = new HashSet<>();
        for (int j = candidates - wanted; j < candidates; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        for (int index : chosen) {
            int at = excluded != null && index >= excluded ? index + 1 : index;
            out.add(peers.get(at).toPeer());
        }
    }

    /** Removes every peer last seen before {@code cutoffMillis}; returns them. */
    List<SwarmPeer> removeSeenBefore(long cutoffMillis) {
        List<SwarmPeer> expired = new ArrayList<>();
        for (SwarmPeer peer : peers) {
            if (peer.lastSeenMillis < cutoffMillis) {
                expired.add(peer);
            }
        }
        for (SwarmPeer peer : expired) {
            remove(peer.endpoint);
        }
        return expired;
    }
}
