package dev.switchboard.torrent.tracker.udp;

import static dev.switchboard.torrent.tracker.udp.UdpWire.INFO_HASH;
import static dev.switchboard.torrent.tracker.udp.UdpWire.announce;
import static dev.switchboard.torrent.tracker.udp.UdpWire.buf;
import static dev.switchboard.torrent.tracker.udp.UdpWire.connect;
import static dev.switchboard.torrent.tracker.udp.UdpWire.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.torrent.tracker.AllowList;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.TrackerConfig;
import dev.switchboard.torrent.tracker.TrackerState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The UDP handler on an embedded channel: connection ids, answers and errors, all under the transaction id. */
class UdpTrackerHandlerTest {
    private static final InetSocketAddress SEEDER = new InetSocketAddress("127.0.0.1", 50001);
    private static final InetSocketAddress LEECHER = new InetSocketAddress("127.0.0.1", 50002);
    private static final InetSocketAddress TRACKER = new InetSocketAddress("127.0.0.1", 6969);

    private final SettableClock clock = new SettableClock();
    private final TrackerState state = new TrackerState(TrackerConfig.builder().clock(clock)
            .announceInterval(Duration.ofSeconds(1800))
            .allowList(AllowList.of(Set.of(InfoHash.of(INFO_HASH), InfoHash.fromHex("cd".repeat(20)))))
            .build());
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new UdpTrackerHandler(state, new ConnectionIds(clock)));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Sends one datagram; returns the reply's bytes (released) or null when there was none. */
    private byte[] exchange(InetSocketAddress from, byte[] request) {
        channel.writeInbound(new DatagramPacket(buf(request), TRACKER, from));
        DatagramPacket reply = channel.readOutbound();
        if (reply == null) {
            return null;
        }
        try {
            assertThat(reply.recipient()).isEqualTo(from);
            ByteBuf content = reply.content();
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            return bytes;
        } finally {
            reply.release();
        }
    }

    private long connectionId(InetSocketAddress from) {
        byte[] reply = exchange(from, connect(11));
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(reply);
        assertThat(in.getInt()).as("action").isZero();
        assertThat(in.getInt()).as("transaction id").isEqualTo(11);
        return in.getLong();
    }

    private static void assertError(byte[] reply, int transactionId, String message) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(reply);
        assertThat(in.getInt()).as("action").isEqualTo(3);
        assertThat(in.getInt()).as("transaction id").isEqualTo(transactionId);
        assertThat(new String(reply, 8, reply.length - 8, StandardCharsets.US_ASCII)).isEqualTo(message);
    }

    @Test
    void connectAnnounceAndScrape() {
        long seederId = connectionId(SEEDER);
        byte[] seeded = exchange(SEEDER, announce(seederId, 21, 0, 2, -1, 7001));
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(seeded);
        assertThat(in.getInt()).isEqualTo(1);
        assertThat(in.getInt()).isEqualTo(21);
        assertThat(in.getInt()).as("interval").isEqualTo(1800);
        assertThat(in.getInt()).as("leechers").isZero();
        assertThat(in.getInt()).as("seeders").isEqualTo(1);
        assertThat(in.remaining()).as("no peers but itself").isZero();

        long leecherId = connectionId(LEECHER);
        byte[] leeched = exchange(LEECHER, announce(leecherId, 22, 100, 2, 10, 7002));
        assertThat(leeched).hasSize(26);
        assertThat(java.util.Arrays.copyOfRange(leeched, 20, 26))
                .as("the seeder: 127.0.0.1:7001 (the announced port, not the UDP source port)")
                .containsExactly(127, 0, 0, 1, 0x1b, 0x59);

        byte[] scraped = exchange(LEECHER, scrape(leecherId, 23, INFO_HASH, UdpWire.filled(20, 0xCD)));
        in = java.nio.ByteBuffer.wrap(scraped);
        assertThat(in.getInt()).isEqualTo(2);
        assertThat(in.getInt()).isEqualTo(23);
        assertThat(new int[] {in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt()})
                .as("seeders, completed, leechers of each, in order").containsExactly(1, 0, 1, 0, 0, 0);
    }

    @Test
    void aBogusConnectionIdIsAnsweredWithAnError() {
        long id = connectionId(SEEDER);
        assertError(exchange(SEEDER, announce(id ^ 0x5A5A5A5A5A5A5A5AL, 31, 0, 2, -1, 7001)), 31,
                UdpTrackerHandler.BAD_CONNECTION_ID);
        InetSocketAddress otherHost = new InetSocketAddress("127.0.0.3", 50001);
        assertError(exchange(otherHost, scrape(id, 32, INFO_HASH)), 32, UdpTrackerHandler.BAD_CONNECTION_ID);
        assertThat(state.peerCount()).isZero();
    }

    @Test
    void anExpiredConnectionIdIsAnsweredWithAnError() {
        long id = connectionId(SEEDER);
        clock.advance(Duration.ofMinutes(2));
        assertThat(exchange(SEEDER, announce(id, 41, 0, 2, -1, 7001))[3]).as("still valid").isEqualTo((byte) 1);
        clock.advance(Duration.ofSeconds(16));
        assertError(exchange(SEEDER, announce(id, 42, 0, 2, -1, 7001)), 42, UdpTrackerHandler.BAD_CONNECTION_ID);
    }

    @Test
    void malformedRequestsAreAnsweredAndTooShortOnesDropped() {
        assertThat(exchange(SEEDER, new byte[15])).isNull();
        byte[] wrongMagic = connect(51);
        wrongMagic[7] = 0;
        assertError(exchange(SEEDER, wrongMagic), 51, "connect without the protocol id 0x41727101980");
        assertError(exchange(SEEDER, java.util.Arrays.copyOf(announce(1, 52, 0, 0, 1, 1), 97)), 52,
                "announce request of 97 bytes: must be at least 98");
        assertThat(channel.isActive()).as("the socket stays open").isTrue();
    }

    @Test
    void refusalsOfTheSwarmRegistryBecomeErrors() {
        long id = connectionId(SEEDER);
        byte[] request = announce(id, 61, 0, 2, -1, 7001);
        System.arraycopy(UdpWire.filled(20, 0xEE), 0, request, 16, 20);
        assertError(exchange(SEEDER, request), 61,
                "unregistered torrent: info_hash " + "ee".repeat(20) + " is not in this tracker's allow list");
    }
}
