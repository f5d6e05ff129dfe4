package dev.switchboard.torrent.client;

import dev.switchboard.torrent.peer.PeerConnection;
import dev.switchboard.torrent.peer.PeerListener;
import dev.switchboard.torrent.strategy.BlockRequest;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import dev.switchboard.transport.Addresses;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The glue between one {@link PeerConnection} and its {@link Torrent}. Two threads meet here and never
 * share a field: the connection lives on its channel's event loop, the torrent on its own executor.
 * Events from the connection ({@link PeerListener}, channel loop) hop onto the torrent's executor;
 * the torrent's commands ({@link #request}, {@link #have}, {@link #choke}, ...) hop onto the channel
 * loop. When both are the same loop nothing hops. Requests of the peer are served on the channel side
 * by an {@link Uploader}, without the torrent. Byte counters are atomic and read by either side.
 */
final class PeerSession implements PeerListener {
    private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);

    final Torrent torrent;
    final Channel channel;
    final PeerId peerId;
    final InetSocketAddress address;
    final boolean outgoing;
    final Instant connectedAt;
    final AtomicLong downloaded = new AtomicLong();
    final AtomicLong uploaded = new AtomicLong();
    private volatile int requestDepth;

    // channel loop only
    private final PeerConnection connection;
    private final Uploader uploader;

    // torrent executor only
    boolean peerChoking = true;
    boolean peerInterested;
    boolean amInterested;
    boolean amChoking = true;
    boolean open;
    final TransferRate downloadRate;
    final TransferRate uploadRate;

    PeerSession(Torrent torrent, Channel channel, PeerConnection connection, PeerId peerId,
            InetSocketAddress address, boolean outgoing, Uploader.Factory uploads) {
        this.torrent = torrent;
        this.channel = channel;
        this.connection = connection;
        this.peerId = peerId;
        this.address = address;
        this.outgoing = outgoing;
        this.connectedAt = torrent.clock().instant();
        this.downloadRate = new TransferRate(connectedAt);
        this.uploadRate = new TransferRate(connectedAt);
        this.requestDepth = connection.requestQueueDepth();
        this.uploader = uploads.create(this, connection);
    }

    int requestDepth() {
        return requestDepth;
    }

    @Override
    public String toString() {
        return Addresses.format(address) + " (" + peerId + ")";
    }

    // ------------------------------------------------ events: channel loop -> torrent executor

    @Override
    public void onBitfield(BitSet pieces) {
        onTorrent(() -> torrent.peerPieces(this, pieces));
    }

    @Override
    public void onHave(int index) {
        onTorrent(() -> torrent.peerHave(this, index));
    }

    @Override
    public void onChoke() {
        onTorrent(() -> peerChoking = true);
    }

    @Override
    public void onUnchoke() {
        onTorrent(() -> {
            peerChoking = false;
            torrent.fillRequests(this);
        });
    }

    @Override
    public void onInterest(boolean interested) {
        onTorrent(() -> {
            peerInterested = interested;
            torrent.interestChanged();
        });
    }

    @Override
    public void onBlock(int index, int begin, ByteBuf block) {
        int length = block.readableBytes();
        downloaded.addAndGet(length);
        requestDepth = connection.requestQueueDepth();
        long wait = torrent.downloadLimit().reserve(length);
        if (wait > 0 && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false); // delay further reads until the limit allows them
            channel.eventLoop().schedule(() -> {
                if (channel.isWritable()) {
                    channel.config().setAutoRead(true);
                }
            }, wait, TimeUnit.NANOSECONDS);
        }
        ByteBuf kept = block.retain();
        if (!onTorrent(() -> torrent.blockArrived(this, index, begin, kept))) {
            kept.release();
        }
    }

    @Override
    public void onRequest(Request request) {
        uploader.requested(request);
    }

    @Override
    public void onCancel(Request request) {
        uploader.cancelled(request);
    }

    @Override
    public void onReject(Request request) {
        BlockRequest block = new BlockRequest(request.index(), request.begin(), request.length());
        onTorrent(() -> torrent.requestRejected(this, block));
    }

    @Override
    public void onDisconnected() {
        uploader.close();
        onTorrent(() -> torrent.sessionClosed(this));
    }

    /** Runs {@code task} on the torrent's executor; false when it is shut down. */
    private boolean onTorrent(Runnable task) {
        return torrent.run(task);
    }

    // ------------------------------------------------ commands: torrent executor -> channel loop

    /** Sends these requests; those the connection refuses now (a choke crossed them) come back as rejects. */
    void request(List<BlockRequest> blocks) {
        onChannel(c -> {
            List<BlockRequest> refused = new ArrayList<>();
            for (BlockRequest block : blocks) {
                try {
                    c.request(block.piece(), block.offset(), block.length());
                } catch (IllegalStateException | IllegalArgumentException e) {
                    refused.add(block);
                }
            }
            requestDepth = c.requestQueueDepth();
            if (!refused.isEmpty()) {
                onTorrent(() -> refused.forEach(block -> torrent.requestRejected(this, block)));
            }
        });
    }

    void cancel(BlockRequest block) {
        onChannel(c -> c.cancel(new Request(block.piece(), block.offset(), block.length())));
    }

    void have(int piece) {
        onChannel(c -> c.have(piece));
    }

    void choke() {
        amChoking = true;
        onChannel(PeerConnection::choke);
    }

    void unchoke() {
        amChoking = false;
        onChannel(PeerConnection::unchoke);
    }

    void interested(boolean interested) {
        amInterested = interested;
        onChannel(interested ? PeerConnection::interested : PeerConnection::notInterested);
    }

    /** Closes the connection, with one log line saying why. */
    void close(String reason) {
        LOG.info("peer {} closed: {}", this, reason);
        channel.close();
    }

    private void onChannel(Consumer<PeerConnection> action) {
        Runnable task = () -> {
            if (channel.isActive()) {
                action.accept(connection);
            }
        };
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            try {
                channel.eventLoop().execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("peer {}: event loop shut down", this);
            }
        }
    }
}
