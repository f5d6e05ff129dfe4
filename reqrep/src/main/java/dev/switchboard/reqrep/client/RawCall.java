package dev.switchboard.reqrep.client;

import dev.switchboard.reqrep.ConnectionException;
import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The seed's plain protocol as a client: connect, send the message, read the answer until the
 * server closes, close. Blocking, for one-shot use (the CLI), never on an event loop.
 */
public final class RawCall {
    /** The most bytes kept from an answer. */
    public static final int MAX_ANSWER = 16 * 1024 * 1024;

    private RawCall() {
    }

    /**
     * @return everything the server sent before closing; if the server keeps the connection open,
     *     what it sent before {@code timeout} ran out
     * @throws ConnectionException when the server cannot be reached
     * @throws ReqRepException TIMEOUT when nothing at all came back in time
     */
    public static byte[] call(InetSocketAddress address, byte[] message, Duration timeout) {
        String target = address.getHostString() + ":" + address.getPort();
        InetSocketAddress resolved = address.isUnresolved()
                ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        if (resolved.isUnresolved()) {
            throw new ConnectionException("cannot connect to " + target + ": unknown host");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(resolved, (int) Math.max(1, timeout.toMillis()));
            } catch (IOException e) {
                throw new ConnectionException("cannot connect to " + target + ": " + ConnectionFailures.describe(e), e);
            }
            socket.getOutputStream().write(message);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (answer.size() < MAX_ANSWER) {
                long left = millisLeft(deadline);
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int r;
                try {
                    r = in.read(buf);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (r < 0) {
                    return answer.toByteArray();
                }
                answer.write(buf, 0, r);
            }
            if (answer.size() == 0) {
                throw new ReqRepException(ErrorCode.TIMEOUT, "no answer from " + target + " within "
                        + timeout.toMillis() + " ms");
            }
            return answer.toByteArray();
        } catch (IOException e) {
            throw new ConnectionException("connection to " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static long millisLeft(long deadlineNanos) {
        long nanos = deadlineNanos - System.nanoTime();
        return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
    }
}
