package dev.switchboard.torrent.client;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.announce.Announcer;
import dev.switchboard.torrent.announce.TrackerClients;
import dev.switchboard.torrent.announce.TransferStats;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.peer.PeerChannelInitializer;
import dev.switchboard.torrent.peer.ServedTorrent;
import dev.switchboard.torrent.storage.FilePieceStorage;
import dev.switchboard.torrent.storage.PieceVerifier;
import dev.switchboard.torrent.storage.ResumeCheck;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BitTorrent peer: one listener shared by all its torrents, the event loops their connections and
 * state run on (each torrent on the loop its info-hash picks), a small bounded disk executor for
 * blocking file I/O, one piece verifier, the tracker clients and the upload and download limits.
 * {@link #start} binds the listener; {@link #add} starts a torrent; {@link #close} stops everything,
 * telling the trackers {@code stopped}.
 *
 * <pre>{@code
 * try (TorrentClient client = TorrentClient.start(PeerConfig.builder().port(0).build())) {
 *     Torrent torrent = client.add(MetainfoParser.read(file), Path.of("downloads"));
 *     torrent.completion().toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class TorrentClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TorrentClient.class);

    private final PeerConfig config;
    private final PeerId peerId;
    private final Transport transport = Transport.best();
    private final EventLoopGroup boss;
    private final EventLoopGroup loops;
    private final List<EventLoop> loopList = new ArrayList<>();
    private final ThreadPoolExecutor disk;
    private final PieceVerifier verifier;
    private final TrackerClients trackers;
    private final TokenBucket downloadLimit;
    private final TokenBucket uploadLimit;
    private final Map<InfoHash, Torrent> torrents = new ConcurrentHashMap<>();
    private final Map<InfoHash, Torrent> serving = new ConcurrentHashMap<>();
    private Channel listener;
    private volatile boolean closed;

    private TorrentClient(PeerConfig config) {
        this.config = config;
        this.peerId = config.newPeerId(new SecureRandom());
        this.boss = transport.newGroup("peer-accept", 1);
        this.loops = transport.newGroup("peer-io", config.ioThreads());
        for (EventExecutor executor : loops) {
            loopList.add((EventLoop) executor);
        }
        this.disk = new ThreadPoolExecutor(config.diskThreads(), config.diskThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.diskQueue()), new DefaultThreadFactory("torrent-disk", true));
        this.verifier = new PieceVerifier(Math.max(1, Runtime.getRuntime().availableProcessors()), 256);
        this.trackers = new TrackerClients(config.announce());
        this.downloadLimit = new TokenBucket(config.downloadLimit(), System::nanoTime);
        this.uploadLimit = new TokenBucket(config.uploadLimit(), System::nanoTime);
    }

    /**
     * Starts a client listening on {@link PeerConfig#bindHost()}:{@link PeerConfig#port()}.
     *
     * @throws TcpServer.ListenException when the port cannot be bound
     */
    public static TorrentClient start(PeerConfig config) {
        TorrentClient client = new TorrentClient(config);
        try {
            client.listener = TcpServer.bind(client.transport, client.boss, client.loops,
                    new InetSocketAddress(config.bindHost(), config.port()),
                    PeerChannelInitializer.accepting(client.peerId, config.connection(), config.clock(), client::find));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        LOG.info("torrent peer {} listening on {}", client.peerId, Addresses.format(client.localAddress()));
        return client;
    }

    private Optional<ServedTorrent> find(InfoHash infoHash) {
        return Optional.ofNullable(serving.get(infoHash));
    }

    /**
     * Starts {@code metainfo}, stored below {@code outputDirectory} ({@code outputDirectory/<name>}): opens
     * (and creates) its files, checks what is already there, then downloads or seeds.
     *
     * @throws IllegalStateException when the torrent is already running here
     * @throws dev.switchboard.torrent.storage.StorageException when the files cannot be opened
     */
    public Torrent add(Metainfo metainfo, Path outputDirectory) {
        return add(metainfo, outputDirectory, ResumeCheck.Progress.NONE);
    }

    /** As {@link #add(Metainfo, Path)}, reporting the resume check's progress. */
    public Torrent add(Metainfo metainfo, Path outputDirectory, ResumeCheck.Progress checkProgress) {
        if (closed) {
            throw new IllegalStateException("the torrent client is closed");
        }
        InfoHash infoHash = metainfo.infoHash();
        if (torrents.containsKey(infoHash)) {
            throw new IllegalStateException("torrent " + metainfo.name() + " (" + infoHash.hex() + ") is already running");
        }
        FilePieceStorage storage = FilePieceStorage.open(metainfo, outputDirectory, verifier);
        EventLoop loop = loopList.get(Math.floorMod(infoHash.hashCode(), loopList.size()));
        Torrent torrent = new Torrent(this, metainfo, storage, loop);
        torrents.put(infoHash, torrent);
        torrent.ready().thenAccept(t -> {
            if (torrents.get(infoHash) == t && !closed) {
                serving.put(infoHash, t);
            }
        });
        torrent.start(checkProgress);
        return torrent;
    }

    /** The address peers reach us on. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public PeerId peerId() {
        return peerId;
    }

    public PeerConfig config() {
        return config;
    }

    /** Stops every torrent (trackers are told {@code stopped}, bounded), then the threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Torrent torrent : List.copyOf(torrents.values())) {
            stops.add(torrent.stop());
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(config.announce().stopTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("torrents did not stop in time: {}", e.toString());
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        Transport.shutdown(boss);
        Transport.shutdown(loops);
        trackers.close();
        disk.shutdown();
        try {
            disk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        verifier.close();
    }

    // ------------------------------------------------------------------ for torrents

    void removed(Torrent torrent) {
        serving.remove(torrent.infoHash(), torrent);
        torrents.remove(torrent.infoHash(), torrent);
    }

    Announcer announcer(Torrent torrent, Supplier<TransferStats> transfer, Consumer<List<InetSocketAddress>> peers) {
        return Announcer.builder()
                .torrent(torrent.metainfo())
                .peerId(peerId)
                .port(localAddress().getPort())
                .transfer(transfer)
                .onPeers(peers)
                .clients(trackers)
                .scheduler(loopFor(torrent))
                .build();
    }

    private EventLoop loopFor(Torrent torrent) {
        return loopList.get(Math.floorMod(torrent.infoHash().hashCode(), loopList.size()));
    }

    /** Whether {@code address} is our own listener (trackers may hand us back to ourselves). */
    boolean isSelf(InetSocketAddress address) {
        InetSocketAddress local = localAddress();
        if (address.getPort() != local.getPort() || address.getAddress() == null) {
            return false;
        }
        return address.getAddress().isLoopbackAddress() || address.getAddress().isAnyLocalAddress()
                || address.getAddress().equals(local.getAddress());
    }

    Transport transport() {
        return transport;
    }

    ExecutorService disk() {
        return disk;
    }

    TokenBucket downloadLimit() {
        return downloadLimit;
    }

    TokenBucket uploadLimit() {
        return uploadLimit;
    }
}
