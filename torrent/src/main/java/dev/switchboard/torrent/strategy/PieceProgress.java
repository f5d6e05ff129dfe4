package dev.switchboard.torrent.strategy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The blocks of one piece being downloaded: which have arrived and which peers each is requested from.
 * Exists only while the piece is in progress, so block state costs nothing for the other pieces.
 *
 * @param <P> the caller's peer handle
 */
final class PieceProgress<P> {
    private final int piece;
    private final int blockCount;
    private final BitSet received;
    private final List<List<P>> requesters;
    private int unrequested;
    private int outstanding;
    /** No block below it is both unrequested and missing: where a search for one starts. */
    private int firstFree;

    PieceProgress(int piece, int blockCount) {
        this.piece = piece;
        this.blockCount = blockCount;
        this.received = new BitSet(blockCount);
        this.requesters = new ArrayList<>(blockCount);
        for (int i = 0; i < blockCount; i++) {
            requesters.add(null);
        }
        this.unrequested = blockCount;
    }

    int piece() {
        return piece;
    }

    int blockCount() {
        return blockCount;
    }

    /** Returns how many blocks have neither arrived nor been requested from anyone. */
    int unrequested() {
        return unrequested;
    }

    /** Returns the first block at or after {@code from} that nobody is asked for and has not arrived, or -1. */
    int nextFree(int from) {
        if (unrequested == 0) {
            return -1;
        }
        for (int block = Math.max(from, firstFree); block < blockCount; block++) {
            if (!received.get(block) && !isRequested(block)) {
                if (from <= firstFree) {
                    firstFree = block;
                }
                return block;
            }
        }
        if (from <= firstFree) {
            firstFree = blockCount;
        }
        return -1;
    }

    /** Returns whether nothing has arrived and nothing is requested: the piece may as well not be started. */
    boolean isUntouched() {
        return received.isEmpty() && outstanding == 0;
    }

    boolean isReceived(int block) {
        return received.get(block);
    }

    boolean isFullyReceived() {
        return received.cardinality() == blockCount;
    }

    boolean isRequestedFrom(int block, P peer) {
        List<P> peers = requesters.get(block);
        return peers != null && peers.contains(peer);
    }

    boolean isRequested(int block) {
        List<P> peers = requesters.get(block);
        return peers != null && !peers.isEmpty();
    }

    /** Records that {@code block} is requested from {@code peer}. */
    void request(int block, P peer) {
        List<P> peers = requesters.get(block);
        if (peers == null) {
            peers = new ArrayList<>(2);
            requesters.set(block, peers);
        }
        if (peers.isEmpty() && !received.get(block)) {
            unrequested--;
        }
        peers.add(peer);
        outstanding++;
    }

    /** Forgets that {@code block} was requested from {@code peer}; returns whether it was. */
    boolean unrequest(int block, P peer) {
        List<P> peers = requesters.get(block);
        if (peers == null || !peers.remove(peer)) {
            return false;
        }
        outstanding--;
        if (peers.isEmpty() && !received.get(block)) {
            unrequested++;
            firstFree = Math.min(firstFree, block);
        }
        return true;
    }

    /** Marks {@code block} arrived and returns every peer it was requested from, forgetting them all. */
    List<P> receive(int block) {
        received.set(block);
        List<P> peers = requesters.get(block);
        requesters.set(block, null);
        if (peers == null || peers.isEmpty()) {
            unrequested--;
            return List.of();
        }
        outstanding -= peers.size();
        return peers;
    }
}
