package dev.switchboard.torrent.tracker.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** BEP 15 requests as bytes, built field by field, for tests. */
final class UdpWire {
    static final byte[] INFO_HASH = filled(20, 0xAB);
    static final byte[] PEER_ID = "-SB0001-123456789012".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private UdpWire() {
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static byte[] connect(int transactionId) {
        return ByteBuffer.allocate(16)
                .putLong(0x41727101980L)   // protocol_id
                .putInt(0)                 // action: connect
                .putInt(transactionId)
                .array();
    }

    static byte[] announce(long connectionId, int transactionId, long left, int event, int numWant, int port) {
        return ByteBuffer.allocate(98)
                .putLong(connectionId)
                .putInt(1)                 // action: announce
                .putInt(transactionId)
                .put(INFO_HASH)            // 16: info_hash
                .put(PEER_ID)              // 36: peer_id
                .putLong(5)                // 56: downloaded
                .putLong(left)             // 64: left
                .putLong(7)                // 72: uploaded
                .putInt(event)             // 80: event
                .putInt(0)                 // 84: IP address (0: the sender's)
                .putInt(0x1234)            // 88: key
                .putInt(numWant)           // 92: num_want
                .putShort((short) port)    // 96: port
                .array();
    }

    static byte[] scrape(long connectionId, int transactionId, byte[]... infoHashes) {
        ByteBuffer out = ByteBuffer.allocate(16 + 20 * infoHashes.length)
                .putLong(connectionId)
                .putInt(2)                 // action: scrape
                .putInt(transactionId);
        for (byte[] infoHash : infoHashes) {
            out.put(infoHash);
        }
        return out.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static ByteBuf buf(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }
}
