package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTrackerClientTest {
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private TrackerClients clients;
    private ServerSocket rawServer;

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        if (clients != null) {
            clients.close();
        }
        if (rawServer != null) {
            rawServer.close();
        }
    }

    /** A JDK HTTP server on 127.0.0.1, port 0, answering /announce with {@code status} and {@code body}. */
    private HttpTrackerClient trackerAnswering(int status, byte[] body, boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/announce", (HttpExchange exchange) -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            if (hang) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        // a short timeout only where the test waits for it: elsewhere a loaded machine must not fail the test
        useClients(hang ? Duration.ofMillis(500) : Duration.ofSeconds(10));
        return client("http://127.0.0.1:" + server.getAddress().getPort() + "/announce");
    }

    private void useClients(Duration timeout) {
        if (clients != null) {
            clients.close();
        }
        clients = new TrackerClients(AnnounceConfig.builder().httpTimeout(timeout).maxResponseBytes(4096).build());
    }

    private HttpTrackerClient client(String url) {
        return (HttpTrackerClient) clients.open(URI.create(url));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parsesTheReplyAndSendsTheTrackerIdBackNextTime() throws Exception {
        HttpTrackerClient client = trackerAnswering(200,
                bytes("d8:intervali900e5:peers6:\u007f\u0000\u0000\u0001\u001a\u00e110:tracker id2:t1e"), false);
        AnnounceResponse first = client.announce(UdpTrackerClientTest.REQUEST).get(10, TimeUnit.SECONDS);
        client.announce(UdpTrackerClientTest.REQUEST).get(10, TimeUnit.SECONDS);

        assertThat(first.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 6881));
        assertThat(queries.get(0)).startsWith("info_hash=%AB%AB").contains("event=started", "compact=1")
                .doesNotContain("trackerid");
        assertThat(queries.get(1)).endsWith("&trackerid=t1");
    }

    @Test
    void failureReasonIsARefusalEvenWithAnErrorStatus() throws Exception {
        HttpTrackerClient ok = trackerAnswering(200, bytes("d14:failure reason12:unregisterede"), false);
        AnnounceException e = AnnounceFailure.of(ok.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.REFUSED);
        assertThat(e.getMessage()).isEqualTo("unregistered");
        server.stop(0);
        HttpTrackerClient forbidden = trackerAnswering(403, bytes("d14:failure reason6:bannede"), false);
        assertThat(AnnounceFailure.of(forbidden.announce(UdpTrackerClientTest.REQUEST)).getMessage()).isEqualTo("banned");
    }

    @Test
    void errorStatusWithoutFailureReasonIsUnreachable() throws Exception {
        HttpTrackerClient client = trackerAnswering(503, bytes("<html>busy</html>"), false);
        AnnounceException e = AnnounceFailure.of(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("answered HTTP 503");
    }

    @Test
    void truncatedBencodeIsMalformed() throws Exception {
        HttpTrackerClient client = trackerAnswering(200, bytes("d8:intervali900e5:peers6:\u007f\u0000"), false);
        AnnounceException e = AnnounceFailure.of(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.MALFORMED);
        assertThat(e.getMessage()).startsWith("malformed announce reply: not a bencoded dictionary");
    }

    @Test
    void oversizedBodyIsRefusedAtTheLimit() throws Exception {
        byte[] big = bytes("d8:intervali900e5:peers6000:" + "x".repeat(6000) + "e");
        HttpTrackerClient client = trackerAnswering(200, big, false);
        AnnounceException e = AnnounceFailure.of(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("too large", "at most 4096");
    }

    @Test
    void silentTrackerTimesOut() throws Exception {
        HttpTrackerClient client = trackerAnswering(200, bytes("d8:intervali900e5:peers0:e"), true);
        AnnounceException e = AnnounceFailure.of(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer within 500 ms");
    }

    @Test
    void refusedConnectionIsUnreachable() throws Exception {
        HttpTrackerClient client = trackerAnswering(200, bytes("d8:intervali900e5:peers0:e"), false);
        server.stop(0);
        assertThat(AnnounceFailure.of(client.announce(UdpTrackerClientTest.REQUEST)).kind())
                .isIn(AnnounceException.Kind.UNREACHABLE, AnnounceException.Kind.TIMEOUT);
    }

    /** A tracker that writes {@code raw} bytes as its whole reply, then closes: for replies the JDK server would not send. */
    private HttpTrackerClient rawTracker(byte[] raw) throws IOException {
        ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        useClients(Duration.ofSeconds(10));
        rawServer = socket;
        Thread serve = new Thread(() -> {
            try (Socket s = socket.accept()) {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write(raw);
            } catch (IOException ignored) {
                // the test ends the socket
            }
        }, "raw-tracker");
        serve.setDaemon(true);
        serve.start();
        return client("http://127.0.0.1:" + socket.getLocalPort() + "/announce");
    }

    @Test
    void redirectsAreFollowedWithTheAnnounceQuery() throws Exception {
        HttpTrackerClient client = trackerAnswering(200, bytes("d8:intervali900e5:peers0:e"), false);
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/announce?" + exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        HttpTrackerClient moved = client("http://127.0.0.1:" + server.getAddress().getPort() + "/moved");

        AnnounceResponse response = moved.announce(UdpTrackerClientTest.REQUEST).get(10, TimeUnit.SECONDS);

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(900));
        assertThat(queries).singleElement().asString().startsWith("info_hash=%AB%AB").contains("event=started");
        assertThat(client.uri().getPath()).isEqualTo("/announce");
    }

    @Test
    void aRedirectLoopEndsAsUnreachable() throws Exception {
        trackerAnswering(200, bytes("d8:intervali900e5:peers0:e"), false);
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        HttpTrackerClient loop = client("http://127.0.0.1:" + server.getAddress().getPort() + "/loop");

        AnnounceException e = AnnounceFailure.of(loop.announce(UdpTrackerClientTest.REQUEST));

        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("redirected more than " + HttpTrackerClient.MAX_REDIRECTS + " times");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        trackerAnswering(200, new byte[0], false);
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // no length: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write(new byte[1000]);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the client hangs up at the limit
            }
        });
        HttpTrackerClient chunked = client("http://127.0.0.1:" + server.getAddress().getPort() + "/chunked");

        AnnounceException e = AnnounceFailure.of(chunked.announce(UdpTrackerClientTest.REQUEST));

        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("too large", "more than 4096");
    }

    @Test
    void aBodyEndedByClosingTheConnectionIsRead() throws Exception {
        HttpTrackerClient client = rawTracker(bytes("HTTP/1.0 200 OK\r\n\r\nd8:intervali900e5:peers6:"
                + "\u007f\u0000\u0000\u0001\u001a\u00e1e"));

        AnnounceResponse response = client.announce(UdpTrackerClientTest.REQUEST).get(10, TimeUnit.SECONDS);

        assertThat(response.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 6881));
    }

    @Test
    void aReplyThatIsNotHttpIsMalformed() throws Exception {
        assertRawReplyFails("SSH-2.0-OpenSSH_9.2\r\n\r\n", AnnounceException.Kind.MALFORMED, "malformed HTTP reply");
    }

    @Test
    void aReplyCutShortIsUnreachable() throws Exception {
        assertRawReplyFails("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nd8:inter", AnnounceException.Kind.UNREACHABLE,
                "closed the connection before its reply was complete");
    }

    private void assertRawReplyFails(String raw, AnnounceException.Kind kind, String message) throws Exception {
        AnnounceException e = AnnounceFailure.of(rawTracker(bytes(raw)).announce(UdpTrackerClientTest.REQUEST));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).contains(message);
    }
}
