package dev.switchboard.torrent.client;

import dev.switchboard.transport.Addresses;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one torrent to the peers its trackers name, on the torrent's executor: skips ourselves,
 * banned peers and addresses already connected or queued, keeps at most {@value #MAX_CANDIDATES}
 * addresses waiting, and dials while connections (both directions) plus dials in progress stay below
 * the torrent's max peers. An address becomes eligible again once its connection ended, so the next
 * announce may bring it back.
 */
final class PeerDialer {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDialer.class);
    static final int MAX_CANDIDATES = 500;

    private final Bootstrap bootstrap;
    private final int maxPeers;
    private final IntSupplier connectedPeers;
    private final Predicate<InetSocketAddress> refused;
    private final ArrayDeque<InetSocketAddress> candidates = new ArrayDeque<>();
    private final Set<InetSocketAddress> known = new HashSet<>();
    private int dialing;
    private boolean stopped;

    /**
     * @param bootstrap a client bootstrap on the torrent's event loop with the peer pipeline
     * @param connectedPeers how many peers are connected now
     * @param refused addresses never to dial (ourselves, banned)
     */
    PeerDialer(Bootstrap bootstrap, int maxPeers, IntSupplier connectedPeers, Predicate<InetSocketAddress> refused) {
        this.bootstrap = bootstrap;
        this.maxPeers = maxPeers;
        this.connectedPeers = connectedPeers;
        this.refused = refused;
    }

    /** Peers from a tracker. */
    void add(List<InetSocketAddress> peers) {
        for (InetSocketAddress peer : peers) {
            if (candidates.size() >= MAX_CANDIDATES) {
                LOG.debug("peer candidates full at {}; {} more ignored", MAX_CANDIDATES, peers.size());
                break;
            }
            if (!refused.test(peer) && known.add(peer)) {
                candidates.add(peer);
            }
        }
        dial();
    }

    /** Dials queued peers while there is room. */
    void dial() {
        while (!stopped && !candidates.isEmpty() && connectedPeers.getAsInt() + dialing < maxPeers) {
            InetSocketAddress peer = candidates.poll();
            if (refused.test(peer)) {
                known.remove(peer);
                continue;
            }
            dialing++;
            ChannelFuture connect = bootstrap.connect(peer);
            connect.addListener(f -> {
                dialing--;
                if (!f.isSuccess()) {
                    known.remove(peer);
                    LOG.debug("peer {}: cannot connect: {}", Addresses.format(peer), f.cause().getMessage());
                    dial();
                } else {
                    connect.channel().closeFuture().addListener(c -> {
                        known.remove(peer);
                        dial();
                    });
                }
            });
        }
    }

    /** Dials no more. */
    void stop() {
        stopped = true;
        candidates.clear();
    }
}
