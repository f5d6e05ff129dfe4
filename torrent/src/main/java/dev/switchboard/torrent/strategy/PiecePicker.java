package dev.switchboard.torrent.strategy;

import dev.switchboard.torrent.Bitfield;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Decides which blocks to request from which peer (BEP 3 piece selection, as bt's {@code PieceSelector}
 * and anacrolix's request strategy do it):
 *
 * <ol>
 *   <li>finish pieces already started first, oldest first;
 *   <li>until {@code randomFirstPieces} pieces are complete, start a random piece, so a new peer soon
 *       has something to trade;
 *   <li>then start the rarest piece the peer has, ties broken at random ({@link AvailabilityOrder});
 *   <li>end game: once every missing block is requested, ask other peers for the same blocks too; when
 *       one arrives, {@link BlockOutcome#cancelAt} names the peers to cancel it at.
 * </ol>
 *
 * <p>Feed it what peers announce ({@link #peerBitfield}, {@link #peerHave}, {@link #peerHaveAll}), what
 * arrives ({@link #blockReceived}), how checks end ({@link #pieceVerified}, {@link #pieceFailed}) and
 * who leaves ({@link #peerDisconnected}); ask it {@link #pick}. Pure and not thread-safe: drive one
 * torrent's picker from one thread (its single writer). Memory is a few {@code int}s per piece plus
 * block state for the pieces in progress only.
 *
 * @param <P> the caller's peer handle, compared with {@code equals}
 */
public final class PiecePicker<P> {
    /** Bytes in a block: 16 KiB, what every client requests. */
    public static final int BLOCK_SIZE = 16 * 1024;
    /** Pieces completed at random before rarest-first takes over, by default. */
    public static final int DEFAULT_RANDOM_FIRST = 4;

    private final int pieceCount;
    private final int pieceLength;
    private final long totalSize;
    private final int randomFirstPieces;
    private final Random random;
    private final AvailabilityOrder order;
    private final BitSet have;
    private final Map<Integer, PieceProgress<P>> inProgress = new LinkedHashMap<>();
    private final Map<P, PeerState> peers = new HashMap<>();

    /** What one peer has and what we asked it for. */
    private final class PeerState {
        final BitSet has = new BitSet(pieceCount);
        final Set<BlockRequest> requests = new LinkedHashSet<>();
    }

    /**
     * Creates a picker for a torrent of {@code totalSize} bytes in pieces of {@code pieceLength}, with
     * {@link #DEFAULT_RANDOM_FIRST} random first pieces.
     */
    public PiecePicker(long totalSize, int pieceLength, Random random) {
        this(totalSize, pieceLength, DEFAULT_RANDOM_FIRST, random);
    }

    /** Creates a picker that starts random pieces until {@code randomFirstPieces} are complete. */
    public PiecePicker(long totalSize, int pieceLength, int randomFirstPieces, Random random) {
        if (totalSize <= 0 || pieceLength <= 0 || randomFirstPieces < 0) {
            throw new IllegalArgumentException("bad geometry: " + totalSize + " bytes in pieces of " + pieceLength
                    + ", " + randomFirstPieces + " random first pieces");
        }
        long count = (totalSize + pieceLength - 1) / pieceLength;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(totalSize + " bytes in pieces of " + pieceLength + " are too many pieces");
        }
        this.pieceCount = (int) count;
        this.pieceLength = pieceLength;
        this.totalSize = totalSize;
        this.randomFirstPieces = randomFirstPieces;
        this.random = Objects.requireNonNull(random, "random");
        this.order = new AvailabilityOrder(pieceCount, random);
        this.have = new BitSet(pieceCount);
    }

    /** Returns the number of pieces. */
    public int pieceCount() {
        return pieceCount;
    }

    /** Returns the size of piece {@code piece}. */
    public int pieceSize(int piece) {
        Objects.checkIndex(piece, pieceCount);
        return (int) (Math.min(totalSize, (long) (piece + 1) * pieceLength) - (long) piece * pieceLength);
    }

    // ---- what we have ----

    /** Records pieces we already have (from a resume check). */
    public void havePieces(Bitfield pieces) {
        checkSize(pieces);
        for (int piece = pieces.nextSetPiece(0); piece >= 0; piece = pieces.nextSetPiece(piece + 1)) {
            pieceVerified(piece);
        }
    }

    /** Returns whether we have {@code piece}. */
    public boolean has(int piece) {
        return have.get(Objects.checkIndex(piece, pieceCount));
    }

    /** Returns whether we have every piece. */
    public boolean isComplete() {
        return have.cardinality() == pieceCount;
    }

    /** Returns a copy of the pieces we have. */
    public Bitfield completed() {
        Bitfield out = new Bitfield(pieceCount);
        for (int piece = have.nextSetBit(0); piece >= 0; piece = have.nextSetBit(piece + 1)) {
            out.set(piece);
        }
        return out;
    }

    /** The piece passed its hash check: we have it and never request it again. */
    public void pieceVerified(int piece) {
        Objects.checkIndex(piece, pieceCount);
        dropProgress(piece);
        have.set(piece);
        order.remove(piece);
    }

    /** The piece failed its hash check: all its blocks are missing again and may be requested anew. */
    public void pieceFailed(int piece) {
        Objects.checkIndex(piece, pieceCount);
        if (!have.get(piece)) {
            dropProgress(piece);
        }
    }

    private void dropProgress(int piece) {
        if (inProgress.remove(piece) != null) {
            for (PeerState state : peers.values()) {
                state.requests.removeIf(request -> request.piece() == piece);
            }
        }
    }

    // ---- what peers have ----

    /** Sets what {@code peer} has to {@code pieces} (its {@code bitfield} message), replacing what it had. */
    public void peerBitfield(P peer, Bitfield pieces) {
        checkSize(pieces);
        PeerState state = state(peer);
        for (int piece = state.has.nextSetBit(0); piece >= 0; piece = state.has.nextSetBit(piece + 1)) {
            order.decrement(piece);
        }
        state.has.clear();
        for (int piece = pieces.nextSetPiece(0); piece >= 0; piece = pieces.nextSetPiece(piece + 1)) {
            state.has.set(piece);
            order.increment(piece);
        }
    }

    /** Records that {@code peer} has every piece (BEP 6 {@code have all}, or a full bitfield). */
    public void peerHaveAll(P peer) {
        peerBitfield(peer, Bitfield.full(pieceCount));
    }

    /** Records that {@code peer} has {@code piece} (its {@code have} message). */
    public void peerHave(P peer, int piece) {
        Objects.checkIndex(piece, pieceCount);
        PeerState state = state(peer);
        if (!state.has.get(piece)) {
            state.has.set(piece);
            order.increment(piece);
        }
    }

    /** Returns how many connected peers have {@code piece}. */
    public int availability(int piece) {
        return order.availability(Objects.checkIndex(piece, pieceCount));
    }

    /** Returns whether {@code peer} has a piece we lack (so we should be interested). */
    public boolean isInteresting(P peer) {
        PeerState state = peers.get(peer);
        if (state == null) {
            return false;
        }
        BitSet wanted = (BitSet) state.has.clone();
        wanted.andNot(have);
        return !wanted.isEmpty();
    }

    /** Forgets {@code peer}: its pieces no longer count and the blocks requested from it are free again. */
    public void peerDisconnected(P peer) {
        PeerState state = peers.get(peer);
        if (state == null) {
            return;
        }
        releaseRequests(peer);
        for (int piece = state.has.nextSetBit(0); piece >= 0; piece = state.has.nextSetBit(piece + 1)) {
            order.decrement(piece);
        }
        peers.remove(peer);
    }

    /** Frees every block requested from {@code peer} (it choked us, dropping our requests). */
    public void releaseRequests(P peer) {
        PeerState state = peers.get(peer);
        if (state == null) {
            return;
        }
        for (BlockRequest request : List.copyOf(state.requests)) {
            release(peer, state, request);
        }
    }

    /** Frees one block requested from {@code peer} (it sent BEP 6 {@code reject request}). */
    public void requestRejected(P peer, BlockRequest request) {
        PeerState state = peers.get(peer);
        if (state != null && state.requests.contains(request)) {
            release(peer, state, request);
        }
    }

    private void release(P peer, PeerState state, BlockRequest request) {
        state.requests.remove(request);
        PieceProgress<P> progress = inProgress.get(request.piece());
        if (progress != null) {
            progress.unrequest(request.offset() / BLOCK_SIZE, peer);
            if (progress.isUntouched()) {
                inProgress.remove(request.piece());
            }
        }
    }

    /** Returns how many requests to {@code peer} are outstanding. */
    public int outstandingRequests(P peer) {
        PeerState state = peers.get(peer);
        return state == null ? 0 : state.requests.size();
    }

    // ---- picking ----

    /** Returns whether we are in end game: every missing block is requested from someone. */
    public boolean isEndGame() {
        if (order.size() == 0 || order.size() > inProgress.size()) {
            return false; // nothing missing, or a piece nobody started
        }
        for (PieceProgress<P> progress : inProgress.values()) {
            if (progress.unrequested() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns up to {@code max} new blocks to request from {@code peer}, now recorded as requested from
     * it; empty if it has nothing we need that is not already asked for.
     */
    public List<BlockRequest> pick(P peer, int max) {
        PeerState state = peers.get(peer);
        List<BlockRequest> picked = new ArrayList<>();
        if (state == null || max <= 0) {
            return picked;
        }
        for (PieceProgress<P> progress : inProgress.values()) {
            if (picked.size() == max) {
                return picked;
            }
            if (state.has.get(progress.piece())) {
                takeBlocks(peer, state, progress, max, picked, false);
            }
        }
        while (picked.size() < max) {
            int piece = choosePiece(state.has);
            if (piece < 0) {
                break;
            }
            PieceProgress<P> progress = new PieceProgress<>(piece, blockCount(piece));
            inProgress.put(piece, progress);
            takeBlocks(peer, state, progress, max, picked, false);
        }
        if (picked.size() < max && isEndGame()) {
            // Duplicates from the back: the blocks asked for last sit at the end of other peers' queues,
            // so this peer starts where they will arrive last and the two meet in the middle.
            List<PieceProgress<P>> started = new ArrayList<>(inProgress.values());
            for (int i = started.size() - 1; i >= 0 && picked.size() < max; i--) {
                PieceProgress<P> progress = started.get(i);
                if (state.has.get(progress.piece())) {
                    takeBlocks(peer, state, progress, max, picked, true);
                }
            }
        }
        return picked;
    }

    private void takeBlocks(P peer, PeerState state, PieceProgress<P> progress, int max, List<BlockRequest> picked,
                            boolean endGame) {
        if (!endGame) {
            for (int block = progress.nextFree(0); block >= 0 && picked.size() < max;
                    block = progress.nextFree(block + 1)) {
                take(state, progress, block, peer, picked);
            }
            return;
        }
        int count = progress.blockCount();
        for (int i = 0; i < count && picked.size() < max; i++) {
            int block = count - 1 - i;
            if (!progress.isRequestedFrom(block, peer) && !progress.isReceived(block)) {
                take(state, progress, block, peer, picked);
            }
        }
    }

    private void take(PeerState state, PieceProgress<P> progress, int block, P peer, List<BlockRequest> picked) {
        progress.request(block, peer);
        BlockRequest request = blockRequest(progress.piece(), block);
        state.requests.add(request);
        picked.add(request);
    }

    /** Returns a piece {@code has} contains that nobody started and we lack, or -1. */
    private int choosePiece(BitSet has) {
        int size = order.size();
        if (size == inProgress.size()) {
            return -1; // every missing piece is started
        }
        int from = have.cardinality() < randomFirstPieces ? random.nextInt(size) : 0;
        for (int i = 0; i < size; i++) {
            int piece = order.pieceAt((from + i) % size);
            if (has.get(piece) && !inProgress.containsKey(piece)) {
                return piece;
            }
        }
        return -1;
    }

    // ---- arrivals ----

    /**
     * Records that {@code peer} sent {@code length} bytes at {@code offset} of {@code piece} and says
     * what to do with them: write (if {@link BlockOutcome#fresh}), verify the piece, cancel elsewhere.
     * Blocks nobody asked for are taken if they are missing blocks of this torrent.
     */
    public BlockOutcome<P> blockReceived(P peer, int piece, int offset, int length) {
        if (piece < 0 || piece >= pieceCount || offset < 0 || offset % BLOCK_SIZE != 0 || length <= 0
                || offset >= pieceSize(piece) || length != blockLength(piece, offset / BLOCK_SIZE)) {
            return BlockOutcome.dropped();
        }
        BlockRequest request = new BlockRequest(piece, offset, length);
        PeerState state = peers.get(peer);
        if (state != null) {
            state.requests.remove(request);
        }
        if (have.get(piece)) {
            return BlockOutcome.dropped();
        }
        PieceProgress<P> progress = inProgress.computeIfAbsent(piece, p -> new PieceProgress<>(p, blockCount(p)));
        int block = offset / BLOCK_SIZE;
        if (progress.isReceived(block)) {
            progress.unrequest(block, peer);
            return BlockOutcome.dropped();
        }
        List<P> cancelAt = new ArrayList<>();
        for (P other : progress.receive(block)) {
            if (!other.equals(peer)) {
                cancelAt.add(other);
                PeerState otherState = peers.get(other);
                if (otherState != null) {
                    otherState.requests.remove(request);
                }
            }
        }
        return new BlockOutcome<>(true, progress.isFullyReceived(), cancelAt);
    }

    // ---- geometry ----

    private int blockCount(int piece) {
        return (pieceSize(piece) + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    private int blockLength(int piece, int block) {
        return Math.min(BLOCK_SIZE, pieceSize(piece) - block * BLOCK_SIZE);
    }

    private BlockRequest blockRequest(int piece, int block) {
        return new BlockRequest(piece, block * BLOCK_SIZE, blockLength(piece, block));
    }

    private PeerState state(P peer) {
        return peers.computeIfAbsent(Objects.requireNonNull(peer, "peer"), p -> new PeerState());
    }

    private void checkSize(Bitfield pieces) {
        if (pieces.pieceCount() != pieceCount) {
            throw new IllegalArgumentException("bitfield of " + pieces.pieceCount() + " pieces for a torrent of "
                    + pieceCount);
        }
    }
}
