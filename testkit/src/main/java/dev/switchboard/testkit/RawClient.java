package dev.switchboard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A blocking raw-wire client for tests: writes exact bytes and asserts exact replies, so a test
 * states the protocol as bytes rather than through our own codec.
 */
public final class RawClient implements Closeable {
    private static final HexFormat HEX = HexFormat.of();
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawClient connect(SocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(10_000);
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    public static RawClient connect(String host, int port) {
        return connect(new InetSocketAddress(host, port));
    }

    /** Writes bytes given as hex, spaces allowed ("00 53 57 42 01"). */
    public RawClient sendHex(String hex) {
        return send(HEX.parseHex(hex.replaceAll("\\s+", "")));
    }

    public RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawClient timeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads exactly n bytes or fails. */
    public byte[] read(int n) {
        byte[] buf = new byte[n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(buf, off, n - off);
                if (r < 0) {
                    throw new AssertionError("connection closed after " + off + " of " + n
                            + " expected bytes: " + HEX.formatHex(buf, 0, off));
                }
                off += r;
            }
            return buf;
        } catch (IOException e) {
            throw new UncheckedIOException("read " + off + " of " + n + " bytes", e);
        }
    }

    /** Reads exactly the given bytes (hex) or fails with both sides shown in hex. */
    public RawClient expectHex(String hex) {
        byte[] expected = HEX.parseHex(hex.replaceAll("\\s+", ""));
        byte[] actual = read(expected.length);
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError("expected " + HEX.formatHex(expected) + " but read " + HEX.formatHex(actual));
        }
        return this;
    }

    /** Reads until the peer closes, and returns everything read. */
    public byte[] readToEnd() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int r;
            while ((r = in.read(buf)) >= 0) {
                all.write(buf, 0, r);
            }
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("after " + all.size() + " bytes", e);
        }
    }

    /** True when the peer has closed (or reset) the connection; waits at most the socket timeout. */
    public boolean isClosedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket: nothing to report
        }
    }
}
