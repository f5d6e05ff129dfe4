package dev.switchboard.torrent.client;

import dev.switchboard.torrent.Bitfield;
import dev.switchboard.torrent.storage.PieceStorage;
import dev.switchboard.torrent.storage.StorageException;
import dev.switchboard.torrent.strategy.BlockOutcome;
import dev.switchboard.torrent.strategy.BlockRequest;
import dev.switchboard.torrent.strategy.PiecePicker;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downloading half of a {@link Torrent}, on its executor: asks the {@link PiecePicker} what to
 * request from whom, writes arriving blocks on the disk executor ({@link BlockWrites}; no new requests
 * while more than {@code writeBacklog} bytes wait for the disk), verifies a piece once all its blocks
 * are written, and settles the outcome: a good piece is announced to every peer; a bad one goes back to
 * missing and every peer that sent a block of it gets a strike ({@link PeerBans}). Nothing is marked
 * complete that was not verified; a failed write stops the torrent.
 */
final class Download {
    private static final Logger LOG = LoggerFactory.getLogger(Download.class);
    private static final long RETRY_MILLIS = 20;

    private final Torrent torrent;
    private final PiecePicker<PeerSession> picker;
    private final PieceStorage storage;
    private final BlockWrites writes;
    private final long writeBacklog;
    private final PeerBans bans;
    private final EndGameTiming timing;
    private final Map<Integer, Integer> pendingWrites = new HashMap<>();
    private final Set<Integer> awaitingVerify = new HashSet<>();
    private final Map<Integer, Set<PeerBans.Key>> contributors = new HashMap<>();
    private long bytesHave;
    private int hashFailures;
    private boolean stopped;
    private boolean busyLogged;
    private boolean backlogLogged;
    private boolean waitingForDisk;

    Download(Torrent torrent, PiecePicker<PeerSession> picker, PieceStorage storage, Executor disk,
            long writeBacklog, PeerBans bans) {
        this.torrent = torrent;
        this.picker = picker;
        this.storage = storage;
        this.writes = new BlockWrites(storage, disk, torrent::run, new BlockWrites.Listener() {
            @Override
            public void written(int[] pieces, int count, RuntimeException failure) {
                Download.this.written(pieces, count, failure);
            }

            @Override
            public void diskBusy() {
                Download.this.diskBusy();
            }
        });
        this.writeBacklog = writeBacklog;
        this.bans = bans;
        this.timing = new EndGameTiming(torrent.clock(), picker.pieceCount());
    }

    /** The pieces found on disk by the resume check. */
    void resumed(Bitfield pieces) {
        picker.havePieces(pieces);
        timing.alreadyVerified(pieces.cardinality());
        for (int piece = pieces.nextSetPiece(0); piece >= 0; piece = pieces.nextSetPiece(piece + 1)) {
            bytesHave += picker.pieceSize(piece);
        }
    }

    PiecePicker<PeerSession> picker() {
        return picker;
    }

    boolean isComplete() {
        return picker.isComplete();
    }

    long bytesHave() {
        return bytesHave;
    }

    int hashFailures() {
        return hashFailures;
    }

    void stop() {
        stopped = true;
        writes.close();
    }

    /** Requests from {@code session} as many blocks as its queue depth allows. */
    void fillRequests(PeerSession session) {
        if (stopped || !session.open || session.peerChoking || picker.isComplete()) {
            return;
        }
        if (writes.queuedBytes() >= writeBacklog) {
            if (!backlogLogged) {
                backlogLogged = true;
                LOG.info("torrent {}: {} bytes wait for the disk; requests pause until it catches up",
                        torrent.name(), writes.queuedBytes());
            }
            waitingForDisk = true;
            return;
        }
        int slots = session.requestDepth() - picker.outstandingRequests(session);
        if (slots > 0) {
            List<BlockRequest> picked = picker.pick(session, slots);
            if (!picked.isEmpty()) {
                session.request(picked);
            }
        }
    }

    /** A block arrived from {@code session}; takes ownership of {@code block}. */
    void blockArrived(PeerSession session, int piece, int offset, ByteBuf block) {
        if (stopped) {
            block.release();
            return;
        }
        timing.blockArrived();
        int length = block.readableBytes();
        BlockOutcome<PeerSession> outcome = picker.blockReceived(session, piece, offset, length);
        for (PeerSession other : outcome.cancelAt()) {
            other.cancel(new BlockRequest(piece, offset, length));
        }
        if (!outcome.fresh()) {
            block.release();
        } else {
            contributors.computeIfAbsent(piece, p -> new HashSet<>()).add(PeerBans.key(session));
            pendingWrites.merge(piece, 1, Integer::sum);
            if (outcome.pieceComplete()) {
                awaitingVerify.add(piece);
            }
            write(piece, offset, block);
        }
        fillRequests(session);
    }

    private void write(int piece, int offset, ByteBuf block) {
        writes.write(piece, offset, block);
    }

    private void diskBusy() {
        if (!busyLogged) {
            busyLogged = true;
            LOG.warn("torrent {}: disk queue full; block writes wait", torrent.name());
        }
        torrent.schedule(writes::retry, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A batch of blocks was written: pieces whose blocks are all on disk are verified. */
    private void written(int[] pieces, int count, RuntimeException failure) {
        if (failure != null) {
            torrent.fail(failure);
            return;
        }
        for (int i = 0; i < count; i++) {
            int piece = pieces[i];
            int left = pendingWrites.merge(piece, -1, Integer::sum);
            if (left == 0) {
                pendingWrites.remove(piece);
                if (awaitingVerify.remove(piece)) {
                    verify(piece);
                }
            }
        }
        if (waitingForDisk && writes.queuedBytes() <= writeBacklog / 2) {
            waitingForDisk = false;
            torrent.fillAllRequests();
        }
    }

    private void verify(int piece) {
        if (stopped) {
            return;
        }
        storage.verify(piece).whenComplete((good, failure) -> torrent.run(() -> verified(piece, good, failure)));
    }

    private void verified(int piece, Boolean good, Throwable failure) {
        if (stopped) {
            return;
        }
        if (failure != null) {
            if (failure instanceof StorageException e && e.reason() == StorageException.Reason.BUSY) {
                torrent.schedule(() -> verify(piece), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                torrent.fail(failure);
            }
            return;
        }
        Set<PeerBans.Key> senders = contributors.remove(piece);
        if (good) {
            picker.pieceVerified(piece);
            bytesHave += picker.pieceSize(piece);
            EndGameTiming.Tail tail = timing.pieceVerified();
            if (tail != null) {
                LOG.info("torrent {}: last 1% of pieces ({}) took {} ms of {} ms since the first block ({}%)",
                        torrent.name(), tail.pieces(), tail.tail().toMillis(), tail.transfer().toMillis(),
                        String.format(Locale.ROOT, "%.2f", tail.share() * 100));
            }
            torrent.pieceVerified(piece);
        } else {
            hashFailures++;
            picker.pieceFailed(piece);
            LOG.warn("torrent {}: piece {} failed its hash check; sent by {}", torrent.name(), piece,
                    senders == null ? "nobody" : senders);
            if (senders != null) {
                senders.forEach(torrent::strike);
            }
            torrent.fillAllRequests();
        }
    }
}
