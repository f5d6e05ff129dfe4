package dev.switchboard.torrent.tracker;

import static dev.switchboard.torrent.tracker.TrackerClient.announceQuery;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BEP 15 against the real UDP socket, on the port number HTTP uses, sharing its swarms. */
class TrackerServerUdpTest {
    private static final byte[] HASH = new byte[20];

    @RegisterExtension
    final TrackerFixture trackers = new TrackerFixture();
    private TrackerServer tracker;
    private DatagramSocket socket;

    @BeforeEach
    void start() throws Exception {
        tracker = trackers.start();
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(5000);
    }

    @AfterEach
    void close() {
        socket.close();
    }

    private ByteBuffer exchange(byte[] request) throws Exception {
        socket.send(new DatagramPacket(request, request.length, tracker.udpAddress()));
        return receive();
    }

    private ByteBuffer receive() throws Exception {
        byte[] buffer = new byte[4096];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        socket.receive(reply);
        return ByteBuffer.wrap(Arrays.copyOf(buffer, reply.getLength()));
    }

    private static byte[] connect(int transactionId) {
        return ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(transactionId).array();
    }

    private long connectionId() throws Exception {
        ByteBuffer reply = exchange(connect(1));
        assertThat(reply.getInt()).isZero();
        assertThat(reply.getInt()).isEqualTo(1);
        return reply.getLong();
    }

    private static byte[] announce(long connectionId, int transactionId, long left, int port) {
        return ByteBuffer.allocate(98).putLong(connectionId).putInt(1).putInt(transactionId)
                .put(HASH).put("-SB0001-udpudpudpudp".getBytes()).putLong(0).putLong(left).putLong(0)
                .putInt(2).putInt(0).putInt(0).putInt(-1).putShort((short) port).array();
    }

    @Test
    void udpAndHttpShareOnePortNumberAndTheSwarms() throws Exception {
        assertThat(tracker.udpAddress().getPort()).isEqualTo(tracker.localAddress().getPort());
        TrackerClient.get(tracker.localAddress(), "/announce?" + announceQuery(HASH, 7001, 0, "&compact=1"));

        long id = connectionId();
        ByteBuffer reply = exchange(announce(id, 2, 100, 7002));
        assertThat(reply.getInt()).as("action").isEqualTo(1);
        assertThat(reply.getInt()).as("transaction").isEqualTo(2);
        assertThat(reply.getInt()).as("interval").isEqualTo(1800);
        assertThat(reply.getInt()).as("leechers").isEqualTo(1);
        assertThat(reply.getInt()).as("seeders").isEqualTo(1);
        byte[] peer = new byte[6];
        reply.get(peer);
        assertThat(peer).as("the HTTP seeder").containsExactly(127, 0, 0, 1, 0x1b, 0x59);
        assertThat(reply.remaining()).isZero();

        TrackerClient.Reply http = TrackerClient.get(tracker.localAddress(),
                "/announce?" + announceQuery(HASH, 7003, 100, "&compact=1"));
        assertThat(http.bencoded().getLong("incomplete")).as("the UDP leecher, seen over HTTP").isEqualTo(2);

        ByteBuffer scrape = exchange(ByteBuffer.allocate(36).putLong(id).putInt(2).putInt(3).put(HASH).array());
        assertThat(scrape.getInt()).isEqualTo(2);
        assertThat(scrape.getInt()).isEqualTo(3);
        assertThat(new int[] {scrape.getInt(), scrape.getInt(), scrape.getInt()}).containsExactly(1, 0, 2);
    }

    @Test
    void anIdFromAConnectOnAnotherSocketOfTheSameHostChecks() throws Exception {
        long id = connectionId();
        try (DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            other.setSoTimeout(5000);
            byte[] request = announce(id, 5, 0, 7005);
            other.send(new DatagramPacket(request, request.length, tracker.udpAddress()));
            byte[] buffer = new byte[256];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            other.receive(reply);
            assertThat(ByteBuffer.wrap(buffer).getInt()).as("announce, not error").isEqualTo(1);
        }
    }

    @Test
    void bogusIdsGetErrorsAndShortDatagramsNoReply() throws Exception {
        long id = connectionId();
        ByteBuffer error = exchange(announce(id ^ 0x5A5A5A5A5A5A5A5AL, 9, 0, 7001));
        assertThat(error.getInt()).isEqualTo(3);
        assertThat(error.getInt()).isEqualTo(9);
        assertThat(new String(error.array(), 8, error.remaining())).isEqualTo("connection id expired or invalid: connect again");

        socket.send(new DatagramPacket(new byte[7], 7, tracker.udpAddress()));
        ByteBuffer next = exchange(connect(10));
        assertThat(next.getInt()).as("the next reply is the connect's: the short datagram got none").isZero();
        assertThat(next.getInt()).isEqualTo(10);
    }

    @Test
    void anOversizedDatagramIsRefusedByLength() throws Exception {
        byte[] huge = new byte[9000];
        System.arraycopy(announce(connectionId(), 12, 0, 7001), 0, huge, 0, 98);
        ByteBuffer error = exchange(huge);
        assertThat(error.getInt()).isEqualTo(3);
        assertThat(error.getInt()).isEqualTo(12);
        assertThat(new String(error.array(), 8, error.remaining())).isEqualTo("datagram too long: at most 2048 bytes");
    }

    @Test
    void aFloodOfGarbageLeavesTheTrackerServing() throws Exception {
        InetSocketAddress target = tracker.udpAddress();
        byte[] garbage = new byte[64];
        for (int i = 0; i < 2000; i++) {
            garbage[i % 64] = (byte) i;
            garbage[11] = (byte) (i % 5);
            socket.send(new DatagramPacket(garbage, garbage.length, target));
        }
        DatagramSocket fresh = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        try (fresh) {
            fresh.setSoTimeout(1000);
            for (int attempt = 0; attempt < 10; attempt++) {
                byte[] request = connect(77);
                fresh.send(new DatagramPacket(request, request.length, target));
                byte[] buffer = new byte[64];
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    fresh.receive(reply);
                    assertThat(ByteBuffer.wrap(buffer).getInt(4)).isEqualTo(77);
                    return;
                } catch (java.net.SocketTimeoutException e) {
                    // the flood filled the socket's receive queue and the kernel dropped the request: retry, as BEP 15 clients do
                }
            }
            throw new AssertionError("no reply to 10 connects after the flood");
        }
    }
}
