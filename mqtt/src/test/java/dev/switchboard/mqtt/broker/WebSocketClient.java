package dev.switchboard.mqtt.broker;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** The JDK's WebSocket client, collecting every binary byte it receives, for raw MQTT over WebSocket. */
final class WebSocketClient implements AutoCloseable {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WebSocketClient(URI uri, SSLContext ssl, String... subprotocols) throws Exception {
        HttpClient.Builder http = HttpClient.newBuilder();
        if (ssl != null) {
            http.sslContext(ssl);
        }
        WebSocket.Builder builder = http.build().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.socket = builder.buildAsync(uri, new Collector()).get(10, TimeUnit.SECONDS);
    }

    static WebSocketClient open(URI uri, SSLContext ssl, String... subprotocols) throws Exception {
        return new WebSocketClient(uri, ssl, subprotocols);
    }

    private final class Collector implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (received) {
                received.writeBytes(bytes);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends the hex bytes as one binary message ({@code last}) or as one fragment of a message. */
    WebSocketClient send(String hex, boolean last) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), last).get(10, TimeUnit.SECONDS);
        return this;
    }

    WebSocketClient send(String hex) throws Exception {
        return send(hex, true);
    }

    /** Waits until exactly {@code hex} has been received in all (any framing) and forgets it. */
    void expect(String hex) {
        await("received " + hex).atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (received) {
                return HexFormat.of().formatHex(received.toByteArray()).length() >= hex.length();
            }
        });
        synchronized (received) {
            String got = HexFormat.of().formatHex(received.toByteArray());
            received.reset();
            if (!got.equals(hex)) {
                throw new AssertionError("expected " + hex + " but received " + got);
            }
        }
    }

    /** The close code the server sent, or -1 for an abortive close; waits for it. */
    int awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
