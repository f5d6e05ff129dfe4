package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.transport.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swarm registry every tracker protocol shares: the peers of each torrent with when they were last
 * heard from (by the injected clock), seeder and leecher counts, random peer selection, expiry, and the
 * bounds on torrents and peers. Plain Java, no Netty: the HTTP and UDP handlers call it directly.
 *
 * <p>Single writer per info-hash: torrents are spread over {@value #SHARDS} shards by
 * {@code Math.floorMod(infoHash.hashCode(), SHARDS)} and each shard is changed by one thread at a
 * time (its monitor), so a swarm and its peers need no locks of their own. An announce holds its
 * shard for a few microseconds (O(numwant)), less than a hand-off to a per-shard executor would cost.
 *
 * <p>Completions (the scrape's {@code downloaded}) are counted once per peer: on {@code event=completed},
 * and also when a peer the tracker knew as a leecher announces {@code left=0} with another event,
 * since some clients that stop right after finishing send only {@code stopped}.
 */
public final class TrackerState {
    static final int SHARDS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(TrackerState.class);

    private final TrackerConfig config;
    private final Clock clock;
    private final Shard[] shards = new Shard[SHARDS];
    private final AtomicInteger torrents = new AtomicInteger();
    private final AtomicInteger peers = new AtomicInteger();
    private final RateLimitedLog limitLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public TrackerState(TrackerConfig config) {
        this.config = config;
        this.clock = config.clock();
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard();
        }
    }

    private static final class Shard {
        final Map<InfoHash, Swarm> swarms = new HashMap<>();
    }

    private Shard shardOf(InfoHash infoHash) {
        return shards[Math.floorMod(infoHash.hashCode(), SHARDS)];
    }

    /**
     * Records {@code announce} and answers it with peers of the families asked for.
     *
     * @throws TrackerException when the torrent is not allowed, or is new and the tracker is full
     */
    public AnnounceResult announce(Announce announce, PeerFamilies families) {
        InfoHash infoHash = announce.infoHash();
        if (!config.allowList().allows(infoHash)) {
            throw new TrackerException("unregistered torrent: info_hash " + infoHash.hex()
                    + " is not in this tracker's allow list");
        }
        long now = clock.millis();
        PeerEndpoint endpoint = announce.endpoint();
        Shard shard = shardOf(infoHash);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(infoHash);
            if (announce.event() == AnnounceEvent.STOPPED) {
                if (swarm == null) {
                    return new AnnounceResult(config.announceInterval(), 0, 0, List.of());
                }
                SwarmPeer leaving = swarm.find(endpoint);
                if (leaving != null) {
                    if (!leaving.isSeeder() && announce.isSeeder()) {
                        swarm.completed(leaving); // finished, then left at once (aria2 --seed-time=0)
                    }
                    swarm.remove(endpoint);
                    peers.decrementAndGet();
                }
                return new AnnounceResult(config.announceInterval(), swarm.seeders(), swarm.leechers(), List.of());
            }
            if (swarm == null) {
                if (!reserve(torrents, config.maxTorrents())) {
                    limitLog.warn("tracker: refused new torrent {}: {} torrents tracked, the limit (max torrents)",
                            infoHash, config.maxTorrents());
                    throw new TrackerException("tracker is full: it tracks " + config.maxTorrents()
                            + " torrents, its limit");
                }
                swarm = new Swarm();
                shard.swarms.put(infoHash, swarm);
            }
            SwarmPeer peer = swarm.find(endpoint);
            if (peer != null) {
                if (!peer.isSeeder() && announce.isSeeder()) {
                    swarm.completed(peer); // a known leecher with nothing left finished, whatever its event says
                }
                swarm.update(peer, announce.peerId(), announce.left(), now);
            } else if (swarm.size() >= config.maxPeersPerTorrent()) {
                limitLog.warn("tracker: torrent {} has {} peers, the limit (--max-peers-per-torrent); "
                        + "{} gets peers but is not remembered", infoHash, swarm.size(), endpoint);
            } else if (!reserve(peers, config.maxPeers())) {
                limitLog.warn("tracker: {} peers over all torrents, the limit (max peers); "
                        + "{} gets peers but is not remembered", config.maxPeers(), endpoint);
            } else {
                peer = swarm.add(announce.peerId(), endpoint, announce.left(), now);
            }
            if (peer != null && announce.event() == AnnounceEvent.COMPLETED) {
                swarm.completed(peer);
            }
            List<Peer> selected = swarm.select(numWant(announce.numWant()), endpoint, families,
                    ThreadLocalRandom.current());
            return new AnnounceResult(config.announceInterval(), swarm.seeders(), swarm.leechers(), selected);
        }
    }

    /** The peers to hand out for a client's {@code numwant}: the default when unset, never above the maximum. */
    int numWant(int asked) {
        if (asked == Announce.NUMWANT_UNSET || asked < 0) {
            return config.defaultNumWant();
        }
        return Math.min(asked, config.maxNumWant());
    }

    private static boolean reserve(AtomicInteger counter, int limit) {
        while (true) {
            int now = counter.get();
            if (now >= limit) {
                return false;
            }
            if (counter.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** The counts of one torrent; zeros for a torrent the tracker has no peers of. */
    public ScrapeStats scrape(InfoHash infoHash) {
        Shard shard = shardOf(infoHash);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(infoHash);
            return swarm == null ? ScrapeStats.NONE : swarm.stats();
        }
    }

    /**
     * Drops peers not heard from for the announce interval plus the grace, and swarms left empty.
     * The server runs it every sweep interval; between sweeps, expired peers may still be handed out.
     *
     * @return peers dropped
     */
    public int sweep() {
        long cutoff = clock.millis() - config.peerExpiry().toMillis();
        int dropped = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                Iterator<Swarm> it = shard.swarms.values().iterator();
                while (it.hasNext()) {
                    Swarm swarm = it.next();
                    int expired = swarm.expire(cutoff);
                    if (expired > 0) {
                        peers.addAndGet(-expired);
                        dropped += expired;
                    }
                    if (swarm.isEmpty()) {
                        it.remove();
                        torrents.decrementAndGet();
                    }
                }
            }
        }
        if (dropped > 0) {
            LOG.debug("tracker: dropped {} peers not heard from for {}; {} torrents, {} peers remain",
                    dropped, config.peerExpiry(), torrents.get(), peers.get());
        }
        return dropped;
    }

    /** Torrents tracked now. */
    public int torrentCount() {
        return torrents.get();
    }

    /** Peers tracked now, over all torrents. */
    public int peerCount() {
        return peers.get();
    }

    public TrackerConfig config() {
        return config;
    }
}
