package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTrackerClientTest {
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
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
        AnnounceConfig config = AnnounceConfig.builder().httpTimeout(Duration.ofMillis(500)).maxResponseBytes(4096).build();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/announce");
        return new HttpTrackerClient(uri, HttpClient.newHttpClient(), config);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static AnnounceException failure(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return (AnnounceException) AnnounceException.unwrap(e.getCause() == null ? e : e.getCause());
        }
        throw new AssertionError("announce succeeded");
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
        AnnounceException e = failure(ok.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.REFUSED);
        assertThat(e.getMessage()).isEqualTo("unregistered");
        server.stop(0);
        HttpTrackerClient forbidden = trackerAnswering(403, bytes("d14:failure reason6:bannede"), false);
        assertThat(failure(forbidden.announce(UdpTrackerClientTest.REQUEST)).getMessage()).isEqualTo("banned");
    }

    @Test
    void errorStatusWithoutFailureReasonIsUnreachable() throws Exception {
        HttpTrackerClient client = trackerAnswering(503, bytes("<html>busy</html>"), false);
        AnnounceException e = failure(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("answered HTTP 503");
    }

    @Test
    void truncatedBencodeIsMalformed() throws Exception {
        HttpTrackerClient client = trackerAnswering(200, bytes("d8:intervali900e5:peers6:\u007f\u0000"), false);
        AnnounceException e = failure(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.MALFORMED);
        assertThat(e.getMessage()).startsWith("malformed announce reply: not a bencoded dictionary");
    }

    @Test
    void oversizedBodyIsRefusedAtTheLimit() throws Exception {
        byte[] big = bytes("d8:intervali900e5:peers6000:" + "x".repeat(6000) + "e");
        HttpTrackerClient client = trackerAnswering(200, big, false);
        AnnounceException e = failure(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("too large", "at most 4096");
    }

    @Test
    void silentTrackerTimesOut() throws Exception {
        HttpTrackerClient client = trackerAnswering(200, bytes("d8:intervali900e5:peers0:e"), true);
        AnnounceException e = failure(client.announce(UdpTrackerClientTest.REQUEST));
        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer within 500 ms");
    }

    @Test
    void refusedConnectionIsUnreachable() throws Exception {
        HttpTrackerClient client = trackerAnswering(200, bytes("d8:intervali900e5:peers0:e"), false);
        server.stop(0);
        assertThat(failure(client.announce(UdpTrackerClientTest.REQUEST)).kind())
                .isIn(AnnounceException.Kind.UNREACHABLE, AnnounceException.Kind.TIMEOUT);
    }
}
