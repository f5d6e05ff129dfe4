package dev.switchboard.torrent.client;

import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.transport.Addresses;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strikes against peers that sent data failing a hash check, and the peers banned after {@value
 * #STRIKES} of them: a banned peer is refused by peer id and, for the address we dialled, by address
 * (on one IP many peers may run, so never by IP alone). Strikes are counted on the torrent's executor;
 * the ban check runs on any event loop, so the sets are concurrent.
 */
final class PeerBans {
    static final int STRIKES = 3;

    /** Who sent a block: its peer id and the address of its connection. */
    record Key(PeerId peerId, InetSocketAddress address) {
        @Override
        public String toString() {
            return Addresses.format(address) + " (" + peerId + ")";
        }
    }

    private final Map<PeerId, Integer> strikes = new ConcurrentHashMap<>();
    private final Set<PeerId> bannedIds = ConcurrentHashMap.newKeySet();
    private final Set<InetSocketAddress> bannedAddresses = ConcurrentHashMap.newKeySet();

    static Key key(PeerSession session) {
        return new Key(session.peerId, session.address);
    }

    /** Counts a strike; returns true when this one bans the peer. */
    boolean strike(Key peer) {
        int count = strikes.merge(peer.peerId(), 1, Integer::sum);
        if (count >= STRIKES && bannedIds.add(peer.peerId())) {
            if (peer.address() != null) {
                bannedAddresses.add(peer.address());
            }
            return true;
        }
        return false;
    }

    int strikes(PeerId peerId) {
        return strikes.getOrDefault(peerId, 0);
    }

    boolean isBanned(PeerId peerId) {
        return bannedIds.contains(peerId);
    }

    boolean isBanned(InetSocketAddress address) {
        return bannedAddresses.contains(address);
    }
}
