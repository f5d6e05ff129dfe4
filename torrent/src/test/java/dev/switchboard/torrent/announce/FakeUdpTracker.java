package dev.switchboard.torrent.announce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted UDP tracker on 127.0.0.1, port 0: each datagram received is recorded and handed to the
 * script, which returns the datagrams to send back (possibly none, or hostile ones).
 */
final class FakeUdpTracker implements AutoCloseable {
    final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final DatagramSocket socket;
    private final Thread thread;

    FakeUdpTracker(Function<byte[], List<byte[]>> script) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> serve(script), "fake-udp-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Function<byte[], List<byte[]>> script) {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] request = Arrays.copyOf(packet.getData(), packet.getLength());
                received.add(request);
                for (byte[] reply : script.apply(request)) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    String url() {
        return "udp://127.0.0.1:" + socket.getLocalPort() + "/announce";
    }

    long requestsWithAction(int action) {
        return received.stream().filter(r -> action(r) == action).count();
    }

    static int action(byte[] request) {
        return ByteBuffer.wrap(request).getInt(8);
    }

    static int transactionId(byte[] request) {
        return ByteBuffer.wrap(request).getInt(12);
    }

    static byte[] connected(byte[] request, long connectionId) {
        return ByteBuffer.allocate(16).putInt(0).putInt(transactionId(request)).putLong(connectionId).array();
    }

    /** An announce reply: action 1, transaction id, interval, leechers, seeders, then 6-byte peers. */
    static byte[] announced(byte[] request, int interval, byte[]... peers) {
        ByteBuffer out = ByteBuffer.allocate(20 + 6 * peers.length)
                .putInt(1).putInt(transactionId(request)).putInt(interval).putInt(2).putInt(3);
        for (byte[] peer : peers) {
            out.put(peer);
        }
        return out.array();
    }

    static byte[] error(byte[] request, String message) {
        byte[] text = message.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + text.length).putInt(3).putInt(transactionId(request)).put(text).array();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
