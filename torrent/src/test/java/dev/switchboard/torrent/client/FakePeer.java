package dev.switchboard.torrent.client;

import dev.switchboard.torrent.announce.AnnounceConfig;
import dev.switchboard.torrent.announce.AnnounceRequest;
import dev.switchboard.torrent.announce.TrackerClient;
import dev.switchboard.torrent.announce.TrackerClients;
import dev.switchboard.torrent.metainfo.Metainfo;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.wire.Handshake;
import dev.switchboard.torrent.wire.HandshakeEncoder;
import dev.switchboard.torrent.wire.PeerMessage;
import dev.switchboard.torrent.wire.PeerMessageDecoder;
import dev.switchboard.torrent.wire.PeerMessageEncoder;
import dev.switchboard.torrent.wire.PeerWireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted peer on a plain blocking socket that speaks the wire through our codec (handshake encoder,
 * message encoder and decoder) and misbehaves on purpose: claims every piece, unchokes, then answers
 * requests as its {@link Behaviour} says. It announces itself to the swarm's tracker as a seeder. No
 * extensions are offered, so the downloader treats it as a plain BEP 3 peer.
 */
final class FakePeer implements AutoCloseable {
    enum Behaviour {
        /** Answers every request with random bytes. */
        CORRUPT,
        /** Takes requests and never answers. */
        SILENT,
        /** Sends a {@code have} for a piece beyond the torrent, then nothing. */
        OUT_OF_RANGE
    }

    private final Metainfo metainfo;
    private final Behaviour behaviour;
    private final ServerSocket server;
    private final Thread thread;
    final PeerId peerId = PeerId.of("-FK0001-000000000000".getBytes(StandardCharsets.US_ASCII));
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger disconnects = new AtomicInteger();
    final AtomicInteger blocksSent = new AtomicInteger();
    final List<PeerMessage> received = new CopyOnWriteArrayList<>();

    FakePeer(Metainfo metainfo, Behaviour behaviour) throws IOException {
        this.metainfo = metainfo;
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::acceptLoop, "fake-peer-" + behaviour);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Tells the swarm's tracker that we are a seeder on our port. */
    void announce(String announceUrl) throws Exception {
        try (TrackerClients clients = new TrackerClients(AnnounceConfig.builder().httpTimeout(Duration.ofSeconds(5)).build())) {
            TrackerClient client = clients.open(URI.create(announceUrl));
            client.announce(new AnnounceRequest(metainfo.infoHash(), peerId, port(), 0, 0, 0, AnnounceEvent.STARTED,
                    50, 7)).get(10, TimeUnit.SECONDS);
            client.close();
        }
    }

    long cancelsReceived() {
        return received.stream().filter(m -> m instanceof PeerMessage.Cancel).count();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                try {
                    serve(socket);
                } finally {
                    disconnects.incrementAndGet();
                }
            } catch (IOException e) {
                // the downloader hung up (reset), or we are closing
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        in.readFully(new byte[Handshake.LENGTH]);
        ByteBuf handshake = Unpooled.buffer();
        HandshakeEncoder.write(new Handshake(0, metainfo.infoHash(), peerId), handshake);
        send(out, handshake);
        BitSet all = new BitSet();
        all.set(0, metainfo.pieceCount());
        write(out, PeerMessage.BitfieldMessage.of(all, metainfo.pieceCount()));
        if (behaviour == Behaviour.OUT_OF_RANGE) {
            write(out, new PeerMessage.Have(metainfo.pieceCount() + 5));
        }
        write(out, PeerMessage.Unchoke.INSTANCE);
        EmbeddedChannel decoder = new EmbeddedChannel(new PeerMessageDecoder(PeerWireLimits.forTorrent(metainfo.pieceCount())));
        try {
            readMessages(in, out, decoder);
        } finally {
            decoder.finishAndReleaseAll();
        }
    }

    private void readMessages(InputStream in, OutputStream out, EmbeddedChannel decoder) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            decoder.writeInbound(Unpooled.copiedBuffer(chunk, 0, n));
            for (Object message; (message = decoder.readInbound()) != null; ) {
                try {
                    handle((PeerMessage) message, out);
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
        }
    }

    private void handle(PeerMessage message, OutputStream out) throws IOException {
        received.add(message instanceof PeerMessage.Piece ? PeerMessage.KeepAlive.INSTANCE : message);
        if (message instanceof PeerMessage.Request request && behaviour == Behaviour.CORRUPT) {
            byte[] garbage = TestSwarm.random(request.length(), blocksSent.incrementAndGet());
            write(out, new PeerMessage.Piece(request.index(), request.begin(), Unpooled.wrappedBuffer(garbage)));
        }
    }

    private static void write(OutputStream out, PeerMessage message) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        try {
            PeerMessageEncoder.write(message, buf);
        } finally {
            ReferenceCountUtil.release(message);
        }
        send(out, buf);
    }

    private static void send(OutputStream out, ByteBuf buf) throws IOException {
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            out.write(bytes);
            out.flush();
        } finally {
            buf.release();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
