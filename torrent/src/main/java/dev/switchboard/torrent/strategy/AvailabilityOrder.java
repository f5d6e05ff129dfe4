package dev.switchboard.torrent.strategy;

import java.util.Random;

/**
 * The pieces we still miss, kept sorted by availability (how many connected peers have each), rarest
 * first, as libtorrent's piece picker does: one array of pieces cut into buckets of equal availability,
 * an array of where each piece sits, and where each bucket starts. A peer announcing a piece moves it one
 * bucket up by a swap to the bucket's edge and a swap with a random member of its new bucket; a piece we
 * get leaves the order by one swap per bucket. So pieces of equal availability are always in random order
 * (from the picker's seeded {@link Random}), which is the random tie-break of rarest-first, whatever order
 * peers announce pieces in.
 *
 * <p>Memory: three {@code int}s per piece and one per availability level; 40,960 pieces take 480 KiB.
 */
final class AvailabilityOrder {
    private final int[] order;
    private final int[] position;
    private final int[] availability;
    private final Random random;
    private int[] start = new int[8];
    private int levels = 1;

    AvailabilityOrder(int pieceCount, Random random) {
        order = new int[pieceCount];
        position = new int[pieceCount];
        availability = new int[pieceCount];
        this.random = random;
        for (int i = 0; i < pieceCount; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        for (int i = 0; i < pieceCount; i++) {
            position[order[i]] = i;
        }
        start[1] = pieceCount;
    }

    /** Returns how many pieces are still in the order (missing). */
    int size() {
        return start[levels];
    }

    /** Returns the piece at rank {@code rank}, 0 being the rarest; {@code rank < size()}. */
    int pieceAt(int rank) {
        return order[rank];
    }

    /** Returns how many connected peers have {@code piece}. */
    int availability(int piece) {
        return availability[piece];
    }

    private boolean contains(int piece) {
        return position[piece] < size();
    }

    /** One more peer has {@code piece}. */
    void increment(int piece) {
        int level = availability[piece]++;
        if (!contains(piece)) {
            return;
        }
        ensureLevels(level + 2);
        int last = start[level + 1] - 1;
        swap(position[piece], last);
        start[level + 1]--;
        mix(piece, start[level + 1], start[level + 2]);
    }

    /** One peer fewer has {@code piece}. */
    void decrement(int piece) {
        int level = availability[piece]--;
        if (level <= 0) {
            throw new IllegalStateException("availability of piece " + piece + " below zero");
        }
        if (!contains(piece)) {
            return;
        }
        int first = start[level];
        swap(position[piece], first);
        start[level]++;
        mix(piece, start[level - 1], start[level]);
    }

    /** Swaps {@code piece} with a random member of its bucket {@code [from, to)}. */
    private void mix(int piece, int from, int to) {
        swap(position[piece], from + random.nextInt(to - from));
    }

    /** Takes {@code piece} out of the order: we have it. Does nothing if it is already out. */
    void remove(int piece) {
        if (!contains(piece)) {
            return;
        }
        for (int level = availability[piece]; level < levels; level++) {
            int last = start[level + 1] - 1;
            swap(position[piece], last);
            start[level + 1]--;
        }
    }

    private void ensureLevels(int wanted) {
        if (wanted + 1 > start.length) {
            int[] grown = new int[Math.max(wanted + 1, 2 * start.length)];
            System.arraycopy(start, 0, grown, 0, levels + 1);
            start = grown;
        }
        while (levels < wanted) {
            start[levels + 1] = start[levels];
            levels++;
        }
    }

    private void swap(int i, int j) {
        int a = order[i];
        int b = order[j];
        order[i] = b;
        order[j] = a;
        position[b] = i;
        position[a] = j;
    }
}
