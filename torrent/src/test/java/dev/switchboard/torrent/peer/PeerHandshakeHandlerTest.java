package dev.switchboard.torrent.peer;

import static dev.switchboard.torrent.peer.ChannelHandlerNames.HANDSHAKE;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.HANDSHAKE_DECODER;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.MESSAGE_DECODER;
import static dev.switchboard.torrent.peer.ChannelHandlerNames.PEER_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.wire.Handshake;
import dev.switchboard.torrent.wire.HandshakeDecoder;
import dev.switchboard.torrent.wire.PeerMessage;
import dev.switchboard.torrent.wire.PeerMessageDecoder;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handshake phase on an EmbeddedChannel: timeout by clock, wrong torrent, ourselves, success. */
class PeerHandshakeHandlerTest {
    static final InfoHash OURS = InfoHash.fromHex("11".repeat(20));
    static final InfoHash OTHER = InfoHash.fromHex("22".repeat(20));
    static final PeerId ME = PeerId.of("-SB0100-me0000000000".getBytes(StandardCharsets.US_ASCII));
    static final PeerId THEM = PeerId.of("-XX0100-them00000000".getBytes(StandardCharsets.US_ASCII));

    final SettableClock clock = new SettableClock();
    volatile PeerConnection connected;

    final ServedTorrent torrent = new ServedTorrent() {
        @Override
        public InfoHash infoHash() {
            return OURS;
        }

        @Override
        public PieceGeometry geometry() {
            return new PieceGeometry(3, 16384, 40_000);
        }

        @Override
        public PeerListener onConnected(PeerConnection connection, Handshake remote, InetSocketAddress address) {
            connected = connection;
            connection.sendPieces(new BitSet());
            return new PeerListener() {
            };
        }
    };

    EmbeddedChannel channel(ServedTorrent connectingTo) {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        channel.pipeline().addLast(HANDSHAKE_DECODER, new HandshakeDecoder());
        channel.pipeline().addLast(HANDSHAKE, new PeerHandshakeHandler(ME, PeerConnectionConfig.defaults(), clock,
                hash -> hash.equals(OURS) ? Optional.of(torrent) : Optional.empty(), connectingTo));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return channel;
    }

    @Test
    void noHandshakeWithinTheTimeoutIsDropped() {
        EmbeddedChannel channel = channel(null);
        clock.advance(Duration.ofSeconds(19));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void acceptedHandshakeIsAnsweredAndThePipelineSwitchesToMessages() {
        EmbeddedChannel channel = channel(null);
        channel.writeInbound(Handshake.of(OURS, THEM, true, false));
        assertThat((Object) channel.readOutbound()).isEqualTo(Handshake.of(OURS, ME, true, true));
        assertThat(channel.pipeline().get(PEER_CONNECTION)).isInstanceOf(PeerConnectionHandler.class);
        assertThat(channel.pipeline().get(MESSAGE_DECODER)).isInstanceOf(PeerMessageDecoder.class);
        assertThat(channel.pipeline().get(HANDSHAKE)).isNull();
        assertThat(connected.fastExtension()).isTrue();
        assertThat(connected.extensionProtocol()).as("only we offered it").isFalse();
        assertThat((Object) channel.readOutbound()).isEqualTo(PeerMessage.HaveNone.INSTANCE);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void connectingSideSendsFirstAndRefusesAnotherTorrent() {
        EmbeddedChannel channel = channel(torrent);
        assertThat((Object) channel.readOutbound()).isEqualTo(Handshake.of(OURS, ME, true, true));
        channel.writeInbound(Handshake.of(OTHER, THEM, true, true));
        assertThat(channel.isActive()).isFalse();
        assertThat(connected).isNull();
    }

    @Test
    void connectionToOurselvesIsDropped() {
        EmbeddedChannel channel = channel(null);
        channel.writeInbound(Handshake.of(OURS, ME, true, true));
        assertThat(channel.isActive()).isFalse();
        assertThat((Object) channel.readOutbound()).as("no answer").isNull();
        assertThat(connected).isNull();
    }
}
