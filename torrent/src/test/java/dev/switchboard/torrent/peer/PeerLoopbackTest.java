package dev.switchboard.torrent.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.wire.Handshake;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import dev.switchboard.transport.TcpClient;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two pipelines on real loopback sockets: handshake both ways, then a block changes hands. */
class PeerLoopbackTest {
    static final InfoHash INFO_HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final PieceGeometry GEOMETRY = new PieceGeometry(4, 32 * 1024, 3L * 32 * 1024 + 100);
    static final PeerId SEED_ID = PeerId.of("-SB0100-seed00000000".getBytes(StandardCharsets.US_ASCII));
    static final PeerId LEECH_ID = PeerId.of("-SB0100-leech0000000".getBytes(StandardCharsets.US_ASCII));

    final Transport transport = Transport.best();
    final EventLoopGroup group = transport.newGroup("peer-test", 2);
    final List<Channel> channels = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(Channel::close);
        Transport.shutdown(group);
    }

    /** A torrent side that records events and answers requests with blocks of byte value index+1. */
    static final class RecordingTorrent implements ServedTorrent {
        final List<String> events = new CopyOnWriteArrayList<>();
        final BitSet ours;
        volatile PeerConnection connection;

        RecordingTorrent(BitSet ours) {
            this.ours = ours;
        }

        @Override
        public InfoHash infoHash() {
            return INFO_HASH;
        }

        @Override
        public PieceGeometry geometry() {
            return GEOMETRY;
        }

        @Override
        public PeerListener onConnected(PeerConnection c, Handshake remote, InetSocketAddress address) {
            connection = c;
            events.add("connected " + remote.peerId() + " fast=" + c.fastExtension());
            c.sendPieces(ours);
            return new PeerListener() {
                @Override
                public void onBitfield(BitSet pieces) {
                    events.add("bitfield " + pieces);
                }

                @Override
                public void onInterest(boolean interested) {
                    events.add("interest " + interested);
                    c.unchoke();
                }

                @Override
                public void onUnchoke() {
                    events.add("unchoke");
                    c.request(3, 0, 100);
                }

                @Override
                public void onRequest(Request request) {
                    events.add("request " + request);
                    ByteBuf block = Unpooled.buffer(request.length());
                    block.writeBytes(new byte[request.length()]).setByte(0, request.index() + 1);
                    c.sendBlock(request, block);
                }

                @Override
                public void onBlock(int index, int begin, ByteBuf block) {
                    events.add("block " + index + "+" + begin + " " + block.readableBytes() + " bytes, first "
                            + block.getByte(block.readerIndex()));
                }

                @Override
                public void onDisconnected() {
                    events.add("disconnected");
                }
            };
        }
    }

    Channel listen(PeerChannelInitializer initializer) {
        Channel server = TcpServer.bind(transport, group, group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                initializer);
        channels.add(server);
        return server;
    }

    Channel connect(Channel server, ServedTorrent torrent) {
        Channel client = TcpClient.bootstrap(transport, group, Duration.ofSeconds(5),
                        PeerChannelInitializer.connecting(LEECH_ID, PeerConnectionConfig.defaults(), Clock.systemUTC(), torrent))
                .connect(server.localAddress()).syncUninterruptibly().channel();
        channels.add(client);
        return client;
    }

    static BitSet all() {
        BitSet all = new BitSet();
        all.set(0, 4);
        return all;
    }

    @Test
    void handshakeBothWaysThenABlockChangesHands() {
        RecordingTorrent seed = new RecordingTorrent(all());
        RecordingTorrent leech = new RecordingTorrent(new BitSet());
        Channel server = listen(PeerChannelInitializer.accepting(SEED_ID, PeerConnectionConfig.defaults(),
                Clock.systemUTC(), hash -> hash.equals(INFO_HASH) ? Optional.of(seed) : Optional.empty()));
        Channel client = connect(server, leech);
        await().atMost(Duration.ofSeconds(10)).until(() -> seed.connection != null && leech.connection != null);
        client.eventLoop().execute(() -> leech.connection.interested());
        await().atMost(Duration.ofSeconds(10)).until(() -> leech.events.stream().anyMatch(e -> e.startsWith("block")));
        assertThat(leech.events).containsExactly(
                "connected -SB0100-seed00000000 fast=true", "bitfield {0, 1, 2, 3}", "unchoke",
                "block 3+0 100 bytes, first 4");
        assertThat(seed.events).containsExactly(
                "connected -SB0100-leech0000000 fast=true", "bitfield {}", "interest true", "request Request[index=3, begin=0, length=100]");
        client.close().syncUninterruptibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> seed.events.contains("disconnected"));
    }

    @Test
    void handshakeForAnUnknownInfoHashIsDroppedUnanswered() {
        Channel server = listen(PeerChannelInitializer.accepting(SEED_ID, PeerConnectionConfig.defaults(),
                Clock.systemUTC(), hash -> Optional.empty()));
        RecordingTorrent leech = new RecordingTorrent(new BitSet());
        Channel client = connect(server, leech);
        client.closeFuture().awaitUninterruptibly(10_000);
        assertThat(client.isActive()).isFalse();
        assertThat(leech.events).isEmpty();
    }

    @Test
    void rawPeerSendingHandshakeAndMessagesInOneWriteIsServed() {
        RecordingTorrent seed = new RecordingTorrent(all());
        Channel server = listen(PeerChannelInitializer.accepting(SEED_ID, PeerConnectionConfig.defaults(),
                Clock.systemUTC(), hash -> Optional.of(seed)));
        ByteBuf hello = Unpooled.buffer();
        dev.switchboard.torrent.wire.HandshakeEncoder.write(Handshake.of(INFO_HASH, LEECH_ID, false, false), hello);
        hello.writeBytes(HexFormat.of().parseHex(
                "0000000102"));                                   // interested, in the same segment as the handshake
        try (RawClient raw = RawClient.connect(server.localAddress())) {
            raw.send(ByteBufUtil.getBytes(hello));
            hello.release();
            byte[] answer = raw.read(68);
            assertThat(answer[0]).isEqualTo((byte) 19);
            assertThat(answer[27]).as("reserved[7]: we offer the fast extension").isEqualTo((byte) 0x04);
            raw.expectHex("00000002" + "05" + "f0");               // bitfield: 4 pieces, no fast ext with this peer
            raw.expectHex("0000000101");                          // unchoke, our answer to interested
        }
        assertThat(seed.events).startsWith("connected -SB0100-leech0000000 fast=false", "interest true");
    }

    @Test
    void protocolViolationClosesTheConnection() {
        RecordingTorrent seed = new RecordingTorrent(all());
        Channel server = listen(PeerChannelInitializer.accepting(SEED_ID, PeerConnectionConfig.defaults(),
                Clock.systemUTC(), hash -> Optional.of(seed)));
        ByteBuf hello = Unpooled.buffer();
        dev.switchboard.torrent.wire.HandshakeEncoder.write(Handshake.of(INFO_HASH, LEECH_ID, true, true), hello);
        try (RawClient raw = RawClient.connect(server.localAddress())) {
            raw.send(ByteBufUtil.getBytes(hello));
            hello.release();
            raw.read(68 + 5);                                     // handshake, have all
            raw.send(HexFormat.of().parseHex("00000005" + "04" + "00000009")); // have piece 9 of 4
            assertThat(raw.isClosedByPeer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seed.events.contains("disconnected"));
    }
}
