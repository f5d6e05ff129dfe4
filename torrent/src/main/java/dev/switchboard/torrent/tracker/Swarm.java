package dev.switchboard.torrent.tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The peers of one torrent with their seeder count and how many completed it. Not thread-safe: only
 * the thread holding the torrent's shard of {@link TrackerState} touches it.
 */
final class Swarm {
    private final PeerPool ipv4 = new PeerPool();
    private final PeerPool ipv6 = new PeerPool();
    private int seeders;
    private int downloaded;

    private PeerPool poolOf(PeerEndpoint endpoint) {
        return endpoint.isIpv6() ? ipv6 : ipv4;
    }

    int size() {
        return ipv4.size() + ipv6.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    int seeders() {
        return seeders;
    }

    int leechers() {
        return size() - seeders;
    }

    int downloaded() {
        return downloaded;
    }

    ScrapeStats stats() {
        return new ScrapeStats(seeders, downloaded, leechers());
    }

    SwarmPeer find(PeerEndpoint endpoint) {
        return poolOf(endpoint).find(endpoint);
    }

    SwarmPeer add(PeerId id, PeerEndpoint endpoint, long left, long nowMillis) {
        SwarmPeer peer = new SwarmPeer(id, endpoint, left, nowMillis);
        poolOf(endpoint).add(peer);
        if (peer.isSeeder()) {
            seeders++;
        }
        return peer;
    }

    void update(SwarmPeer peer, PeerId id, long left, long nowMillis) {
        boolean wasSeeder = peer.isSeeder();
        peer.id = id;
        peer.left = left;
        peer.lastSeenMillis = nowMillis;
        if (wasSeeder != peer.isSeeder()) {
            seeders += wasSeeder ? -1 : 1;
        }
    }

    /** Counts {@code peer}'s completion once, however often it announces {@code completed}. */
    void completed(SwarmPeer peer) {
        if (!peer.countedComplete) {
            peer.countedComplete = true;
            downloaded++;
        }
    }

    /** Removes the peer at {@code endpoint}; false when it was not there. */
    boolean remove(PeerEndpoint endpoint) {
        SwarmPeer removed = poolOf(endpoint).remove(endpoint);
        if (removed != null && removed.isSeeder()) {
            seeders--;
        }
        return removed != null;
    }

    /** Removes peers last seen before {@code cutoffMillis}; returns how many. */
    int expire(long cutoffMillis) {
        int removed = 0;
        for (PeerPool pool : List.of(ipv4, ipv6)) {
            for (SwarmPeer peer : pool.removeSeenBefore(cutoffMillis)) {
                if (peer.isSeeder()) {
                    seeders--;
                }
                removed++;
            }
        }
        return removed;
    }

    /**
     * Up to {@code k} random peers other than {@code requester}, of the families asked for. With both
     * families, the k places are shared in proportion to how many peers each family has.
     */
    List<Peer> select(int k, PeerEndpoint requester, PeerFamilies families, RandomGenerator random) {
        List<Peer> out = new ArrayList<>(Math.min(k, size()));
        switch (families) {
            case IPV4 -> ipv4.sample(k, requester, random, out);
            case IPV6 -> ipv6.sample(k, requester, random, out);
            case BOTH -> {
                int n4 = ipv4.countOthers(requester);
                int n6 = ipv6.countOthers(requester);
                int k4 = n4 + n6 <= k ? n4 : (int) Math.round((double) k * n4 / (n4 + n6));
                int k6 = Math.min(k - k4, n6);
                k4 = Math.min(k - k6, n4);
                ipv4.sample(k4, requester, random, out);
                ipv6.sample(k6, requester, random, out);
            }
        }
        return out;
    }
}
