package dev.switchboard.torrent.client;

import dev.switchboard.torrent.peer.PeerConnection;
import dev.switchboard.torrent.storage.PieceStorage;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one peer's requests, on its channel's event loop: each request waits for the upload {@link
 * TokenBucket} (delayed, never dropped), is read on the disk executor and sent back on the channel loop.
 * At most {@value #MAX_READS} reads are in flight per peer, none while the channel's outbound buffer is
 * above its high water mark; the queue itself is bounded by the connection's {@code maxPeerRequests}.
 * A request cancelled or voided by a choke while it was read is not sent ({@link PeerConnection#sendBlock}
 * drops it). Not thread-safe: channel loop only.
 */
final class Uploader {
    private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);
    static final int MAX_READS = 4;
    private static final long WRITABLE_POLL_MILLIS = 5;

    /** Makes the uploader of a new session. */
    @FunctionalInterface
    interface Factory {
        Uploader create(PeerSession session, PeerConnection connection);
    }

    private final PeerSession session;
    private final PeerConnection connection;
    private final Channel channel;
    private final PieceStorage storage;
    private final TokenBucket limit;
    private final Executor disk;
    private final AtomicLong torrentUploaded;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private int reads;
    private boolean waiting;
    private boolean closed;

    Uploader(PeerSession session, PeerConnection connection, PieceStorage storage, TokenBucket limit, Executor disk,
            AtomicLong torrentUploaded) {
        this.session = session;
        this.connection = connection;
        this.channel = session.channel;
        this.storage = storage;
        this.limit = limit;
        this.disk = disk;
        this.torrentUploaded = torrentUploaded;
    }

    void requested(Request request) {
        queue.add(request);
        pump();
    }

    void cancelled(Request request) {
        queue.remove(request);
    }

    void close() {
        closed = true;
        queue.clear();
    }

    private void pump() {
        while (!closed && !waiting && reads < MAX_READS && !queue.isEmpty()) {
            if (!channel.isWritable()) {
                waitThen(TimeUnit.MILLISECONDS.toNanos(WRITABLE_POLL_MILLIS), null);
                return;
            }
            Request request = queue.poll();
            if (!connection.peerRequests().contains(request)) {
                continue; // voided by a choke meanwhile
            }
            long wait = limit.reserve(request.length());
            reads++;
            if (wait > 0) {
                waitThen(wait, request);
                return;
            }
            read(request);
        }
    }

    private void waitThen(long nanos, Request request) {
        waiting = true;
        channel.eventLoop().schedule(() -> {
            waiting = false;
            if (request != null) {
                read(request);
            }
            pump();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void read(Request request) {
        if (closed) {
            reads--;
            return;
        }
        try {
            disk.execute(() -> {
                ByteBuf block;
                try {
                    block = storage.readBlock(request.index(), request.begin(), request.length(), channel.alloc());
                } catch (RuntimeException e) {
                    onChannel(() -> failed(request, e));
                    return;
                }
                if (!onChannel(() -> send(request, block))) {
                    block.release();
                }
            });
        } catch (RejectedExecutionException e) {
            failed(request, e);
        }
    }

    private void send(Request request, ByteBuf block) {
        reads--;
        if (closed || !channel.isActive()) {
            block.release();
            return;
        }
        int length = block.readableBytes();
        if (connection.sendBlock(request, block)) {
            session.uploaded.addAndGet(length);
            torrentUploaded.addAndGet(length);
        }
        pump();
    }

    private void failed(Request request, Exception e) {
        reads--;
        if (closed || !channel.isActive()) {
            return;
        }
        LOG.warn("peer {}: cannot serve piece {} block {}: {}", session, request.index(), request.begin(),
                e.getMessage());
        if (connection.fastExtension()) {
            connection.reject(request);
            pump();
        } else {
            session.close("cannot serve its request");
        }
    }

    private boolean onChannel(Runnable task) {
        try {
            channel.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
