package dev.switchboard.torrent.client;

import dev.switchboard.torrent.Bitfield;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.announce.Announcer;
import dev.switchboard.torrent.announce.TransferStats;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.peer.PeerChannelInitializer;
import dev.switchboard.torrent.peer.PeerConnection;
import dev.switchboard.torrent.peer.PeerListener;
import dev.switchboard.torrent.peer.PieceGeometry;
import dev.switchboard.torrent.peer.ServedTorrent;
import dev.switchboard.torrent.storage.FilePieceStorage;
import dev.switchboard.torrent.storage.ResumeCheck;
import dev.switchboard.torrent.strategy.BlockRequest;
import dev.switchboard.torrent.strategy.Choker;
import dev.switchboard.torrent.strategy.PeerStats;
import dev.switchboard.torrent.strategy.PiecePicker;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.wire.Handshake;
import dev.switchboard.transport.TcpClient;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent in a {@link TorrentClient}: its storage, piece picker, choker, peers and announcer. All of
 * its state is confined to one event loop picked by info-hash (single writer); peer events hop onto it
 * ({@link PeerSession}) and blocking file work runs on the client's disk executor and comes back.
 *
 * <p>Life: {@link TorrentState#CHECKING} (the resume check hashes what is already on disk), then
 * {@link TorrentState#DOWNLOADING} or {@link TorrentState#SEEDING}; {@link #stop()} ends it in
 * {@link TorrentState#STOPPED}, an I/O error in {@link TorrentState#FAILED}. {@link #completion()}
 * completes once every piece is verified.
 */
public final class Torrent implements ServedTorrent {
    private static final Logger LOG = LoggerFactory.getLogger(Torrent.class);

    private final TorrentClient client;
    private final Metainfo metainfo;
    private final PieceGeometry geometry;
    private final EventLoop loop;
    private final FilePieceStorage storage;
    private final Choker<PeerSession> choker;
    private final Download download;
    private final PeerBans bans = new PeerBans();
    private final PeerDialer dialer;
    private final Set<PeerSession> sessions = new LinkedHashSet<>();
    private final AtomicInteger peerCount = new AtomicInteger();
    private final AtomicLong downloaded = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();
    private final TransferRate downloadRate;
    private final TransferRate uploadRate;
    private final CompletableFuture<Torrent> ready = new CompletableFuture<>();
    private final CompletableFuture<TorrentStatus> completion = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile TorrentState state = TorrentState.CHECKING;
    private volatile TorrentStatus status;
    private volatile String error;
    private Announcer announcer;

    Torrent(TorrentClient client, Metainfo metainfo, FilePieceStorage storage, EventLoop loop) {
        this.client = client;
        this.metainfo = metainfo;
        this.geometry = PieceGeometry.of(metainfo);
        this.loop = loop;
        this.storage = storage;
        PeerConfig config = client.config();
        Random random = new Random();
        this.choker = new Choker<>(config.choker(), config.clock(), random);
        this.download = new Download(this, new PiecePicker<>(metainfo.totalSize(), metainfo.pieceLength(), random),
                storage, client.disk(), config.writeBacklog(), bans);
        this.downloadRate = new TransferRate(config.clock().instant());
        this.uploadRate = new TransferRate(config.clock().instant());
        this.dialer = new PeerDialer(
                TcpClient.bootstrap(client.transport(), loop, config.connectTimeout(), PeerChannelInitializer.connecting(
                        client.peerId(), config.connection(), config.clock(), this)),
                config.maxPeers(), peerCount::get, address -> client.isSelf(address) || bans.isBanned(address));
        this.status = snapshot();
    }

    // ------------------------------------------------------------------ public API

    public Metainfo metainfo() {
        return metainfo;
    }

    public String name() {
        return metainfo.name();
    }

    @Override
    public InfoHash infoHash() {
        return metainfo.infoHash();
    }

    @Override
    public PieceGeometry geometry() {
        return geometry;
    }

    /** Where the torrent is now and how far it got: byte counts live, the rest refreshed about once a second. */
    public TorrentStatus status() {
        TorrentStatus s = status;
        return new TorrentStatus(s.name(), s.state(), s.piecesHave(), s.pieceCount(), s.bytesHave(), s.totalBytes(),
                downloaded.get(), uploaded.get(), s.downloadRate(), s.uploadRate(), s.peers(), s.hashFailures(),
                s.error());
    }

    /** Completes when the resume check is done and peers are served. */
    public CompletionStage<Torrent> ready() {
        return ready;
    }

    /** Completes when every piece is verified, exceptionally when the torrent fails or stops first. */
    public CompletionStage<TorrentStatus> completion() {
        return completion;
    }

    /** Disconnects every peer, tells the trackers {@code stopped} (bounded wait) and closes the files. */
    public CompletableFuture<Void> stop() {
        run(() -> shutDown(TorrentState.STOPPED));
        return stopped;
    }

    // ------------------------------------------------------------------ life

    /** Runs the resume check on the disk executor, then starts serving. */
    void start(ResumeCheck.Progress progress) {
        CompletableFuture.supplyAsync(() -> ResumeCheck.run(storage, progress), client.disk())
                .thenCompose(check -> check)
                .whenComplete((pieces, failure) -> run(() -> checked(pieces, failure)));
    }

    private void checked(Bitfield pieces, Throwable failure) {
        if (failure != null) {
            fail(failure);
            return;
        }
        if (state != TorrentState.CHECKING) {
            return;
        }
        download.resumed(pieces);
        LOG.info("torrent {}: {} of {} pieces already on disk", name(), pieces.cardinality(), metainfo.pieceCount());
        state = download.isComplete() ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
        announcer = client.announcer(this, this::transferStats, peers -> dialer.add(peers));
        PeerConfig config = client.config();
        timers.add(loop.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS));
        long rechoke = config.choker().rechokeInterval().toMillis();
        timers.add(loop.scheduleAtFixedRate(this::rechoke, rechoke, rechoke, TimeUnit.MILLISECONDS));
        status = snapshot();
        ready.complete(this);
        if (download.isComplete()) {
            completion.complete(status);
        }
        if (download.isComplete() && !config.seedAfterCompletion()) {
            shutDown(TorrentState.STOPPED);
            return;
        }
        announcer.start();
    }

    private TransferStats transferStats() {
        return new TransferStats(uploaded.get(), downloaded.get(), metainfo.totalSize() - download.bytesHave());
    }

    /** Stops the download with {@code failure} (a full disk, an I/O error). */
    void fail(Throwable failure) {
        if (state == TorrentState.FAILED || state == TorrentState.STOPPED) {
            return;
        }
        error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        LOG.error("torrent {}: stopped: {}", name(), error);
        shutDown(TorrentState.FAILED);
    }

    private void shutDown(TorrentState end) {
        if (state == TorrentState.STOPPED || state == TorrentState.FAILED) {
            return;
        }
        state = end;
        download.stop();
        dialer.stop();
        timers.forEach(t -> t.cancel(false));
        List<PeerSession> open = List.copyOf(sessions);
        open.forEach(s -> s.channel.close());
        status = snapshot();
        ready.complete(this);
        completion.completeExceptionally(new IllegalStateException(end == TorrentState.FAILED
                ? error : "torrent " + name() + " stopped before it was complete"));
        client.removed(this);
        CompletableFuture<Void> announced = announcer == null ? CompletableFuture.completedFuture(null) : announcer.stop();
        announced.whenComplete((v, e) -> client.disk().execute(() -> {
            try {
                storage.close();
            } finally {
                stopped.complete(null);
            }
        }));
    }

    // ------------------------------------------------------------------ peers

    @Override
    public PeerListener onConnected(PeerConnection connection, Handshake remote, InetSocketAddress address) {
        throw new UnsupportedOperationException("a torrent needs the channel of its connections");
    }

    @Override
    public PeerListener onConnected(PeerConnection connection, Handshake remote, Channel channel) {
        InetSocketAddress address = (InetSocketAddress) channel.remoteAddress();
        boolean outgoing = channel.parent() == null;
        PeerId peerId = remote.peerId();
        if (bans.isBanned(peerId) || bans.isBanned(address)) {
            LOG.info("peer {} refused: banned after {} hash failures", address, PeerBans.STRIKES);
            channel.close();
            return new PeerListener() { };
        }
        PeerSession session = new PeerSession(this, channel, connection, peerId, address, outgoing,
                (s, c) -> new Uploader(s, c, storage, client.uploadLimit(), client.disk(), uploaded));
        BitSet sent = storage.completed().toBitSet();
        connection.sendPieces(sent);
        peerCount.incrementAndGet();
        if (!run(() -> sessionOpened(session, sent))) {
            channel.close();
        }
        return session;
    }

    private void sessionOpened(PeerSession session, BitSet sent) {
        if (state != TorrentState.DOWNLOADING && state != TorrentState.SEEDING) {
            session.channel.close();
            return;
        }
        if (sessions.size() >= client.config().maxPeers()) {
            session.close("max peers (" + client.config().maxPeers() + ") reached");
            return;
        }
        for (PeerSession other : sessions) {
            if (other.peerId.equals(session.peerId)) {
                // both dialled each other: keep the connection the peer with the lower id made, as both agree
                boolean keepNew = session.outgoing == (compare(client.peerId(), session.peerId) < 0);
                PeerSession dropped = keepNew ? other : session;
                dropped.close("second connection to the same peer");
                if (!keepNew) {
                    return;
                }
                break;
            }
        }
        session.open = true;
        sessions.add(session);
        LOG.debug("peer {} connected ({})", session, session.outgoing ? "outgoing" : "incoming");
        Bitfield have = download.picker().completed();
        for (int piece = have.nextSetPiece(0); piece >= 0; piece = have.nextSetPiece(piece + 1)) {
            if (!sent.get(piece)) {
                session.have(piece);
            }
        }
        rechoke();
    }

    private static int compare(PeerId a, PeerId b) {
        return java.util.Arrays.compareUnsigned(a.bytes(), b.bytes());
    }

    void sessionClosed(PeerSession session) {
        peerCount.decrementAndGet();
        if (!sessions.remove(session)) {
            return;
        }
        session.open = false;
        download.picker().peerDisconnected(session);
        LOG.debug("peer {} disconnected", session);
        fillAllRequests();
        rechoke();
        dialer.dial();
    }

    void peerPieces(PeerSession session, BitSet pieces) {
        if (!session.open) {
            return;
        }
        Bitfield bitfield = new Bitfield(metainfo.pieceCount());
        pieces.stream().forEach(bitfield::set);
        download.picker().peerBitfield(session, bitfield);
        if (download.isComplete() && bitfield.isComplete()) {
            session.close("we both have every piece");
            return;
        }
        updateInterest(session);
    }

    void peerHave(PeerSession session, int piece) {
        if (session.open) {
            download.picker().peerHave(session, piece);
            updateInterest(session);
        }
    }

    private void updateInterest(PeerSession session) {
        boolean wanted = download.picker().isInteresting(session);
        if (wanted != session.amInterested) {
            session.interested(wanted);
        }
        if (wanted) {
            fillRequests(session);
        }
    }

    void fillRequests(PeerSession session) {
        download.fillRequests(session);
    }

    void fillAllRequests() {
        sessions.forEach(download::fillRequests);
    }

    void blockArrived(PeerSession session, int piece, int offset, io.netty.buffer.ByteBuf block) {
        downloaded.addAndGet(block.readableBytes());
        if (!session.open) {
            block.release();
            return;
        }
        download.blockArrived(session, piece, offset, block);
    }

    void requestRejected(PeerSession session, BlockRequest request) {
        download.picker().requestRejected(session, request);
    }

    void interestChanged() {
        rechoke();
    }

    /** A piece passed its check: tell every peer, drop interest where nothing is left to want. */
    void pieceVerified(int piece) {
        for (PeerSession session : sessions) {
            session.have(piece);
            if (session.amInterested && !download.picker().isInteresting(session)) {
                session.interested(false);
            }
        }
        if (download.isComplete()) {
            completed();
        }
    }

    private void completed() {
        state = TorrentState.SEEDING;
        status = snapshot();
        LOG.info("torrent {}: complete, {} bytes verified", name(), metainfo.totalSize());
        completion.complete(status);
        if (!client.config().seedAfterCompletion()) {
            shutDown(TorrentState.STOPPED);
            return;
        }
        announcer.completed();
    }

    void strike(PeerBans.Key peer) {
        if (bans.strike(peer)) {
            LOG.warn("peer {} banned: {} pieces it sent failed their hash check", peer, PeerBans.STRIKES);
            for (PeerSession session : List.copyOf(sessions)) {
                if (session.peerId.equals(peer.peerId())) {
                    session.close("banned");
                }
            }
        }
    }

    // ------------------------------------------------------------------ timers

    private void tick() {
        java.time.Instant now = client.config().clock().instant();
        downloadRate.sample(downloaded.get(), now);
        uploadRate.sample(uploaded.get(), now);
        for (PeerSession session : sessions) {
            session.downloadRate.sample(session.downloaded.get(), now);
            session.uploadRate.sample(session.uploaded.get(), now);
        }
        status = snapshot();
    }

    private void rechoke() {
        if (state != TorrentState.DOWNLOADING && state != TorrentState.SEEDING) {
            return;
        }
        List<PeerStats<PeerSession>> stats = new ArrayList<>(sessions.size());
        for (PeerSession s : sessions) {
            stats.add(new PeerStats<>(s, s.peerInterested, s.downloadRate.bytesPerSecond(),
                    s.uploadRate.bytesPerSecond(), s.connectedAt));
        }
        Set<PeerSession> unchoke = choker.unchoked(stats, download.isComplete());
        for (PeerSession s : sessions) {
            if (unchoke.contains(s) && s.amChoking) {
                s.unchoke();
            } else if (!unchoke.contains(s) && !s.amChoking) {
                s.choke();
            }
        }
    }

    private TorrentStatus snapshot() {
        return new TorrentStatus(name(), state, download.picker().completed().cardinality(), metainfo.pieceCount(),
                download.bytesHave(), metainfo.totalSize(), downloaded.get(), uploaded.get(),
                downloadRate.bytesPerSecond(), uploadRate.bytesPerSecond(), sessions.size(), download.hashFailures(),
                Optional.ofNullable(error));
    }

    // ------------------------------------------------------------------ executor

    Clock clock() {
        return client.config().clock();
    }

    TokenBucket downloadLimit() {
        return client.downloadLimit();
    }

    /** Runs {@code task} on this torrent's executor (now, if already on it); false once it is shut down. */
    boolean run(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    boolean schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            loop.schedule(task, delay, unit);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
