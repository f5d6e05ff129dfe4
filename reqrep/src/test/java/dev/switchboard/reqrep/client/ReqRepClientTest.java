package dev.switchboard.reqrep.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.reqrep.ConnectionException;
import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import dev.switchboard.reqrep.server.ReqRepServer;
import dev.switchboard.reqrep.server.ReqRepServerConfig;
import dev.switchboard.reqrep.server.RouteResponse;
import dev.switchboard.reqrep.server.Routes;
import dev.switchboard.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pooled client against a real server on loopback. */
class ReqRepClientTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ConcurrentLinkedQueue<CompletableFuture<RouteResponse>> held = new ConcurrentLinkedQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ReqRepServer server(int port) {
        Routes routes = Routes.builder()
                .route("hold", r -> {
                    CompletableFuture<RouteResponse> f = new CompletableFuture<>();
                    held.add(f);
                    return f;
                })
                .route("upper", r -> CompletableFuture.completedFuture(
                        RouteResponse.ofUtf8(r.bodyAsString().toUpperCase())))
                .build();
        ReqRepServer server = ReqRepServer.start(ReqRepServerConfig.builder().port(port).routes(routes)
                .drainTimeout(Duration.ZERO).build());
        open.add(server);
        return server;
    }

    private ReqRepClient client(InetSocketAddress address, java.util.function.UnaryOperator<ReqRepClientConfig.Builder> more) {
        ReqRepClient client = ReqRepClient.create(more.apply(ReqRepClientConfig.builder(address)).build());
        open.add(client);
        return client;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void callsAreAnsweredAcrossThePool() {
        ReqRepServer server = server(0);
        ReqRepClient client = client(server.localAddress(), b -> b.connections(4));
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(client.call("upper", utf8("msg" + i)));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(new String(calls.get(i).join(), StandardCharsets.UTF_8)).isEqualTo("MSG" + i);
        }
        assertThat(server.openConnections()).isEqualTo(4);
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void aRequestWithoutAnswerTimesOutWithItsOwnTimeout() {
        ReqRepServer server = server(0);
        ReqRepClient client = client(server.localAddress(), b -> b);
        CompletableFuture<byte[]> call = client.call("hold", new byte[0], Duration.ofMillis(200));
        assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ReqRepException.class)
                .satisfies(e -> assertThat(((ReqRepException) e).is(ErrorCode.TIMEOUT)).isTrue())
                .hasMessageContaining("within 200 ms");
        // the connection is still fine after a timeout
        assertThat(client.call("upper", utf8("ok")).join()).isEqualTo(utf8("OK"));
    }

    @Test
    void pendingRequestsAreBoundedAndTheNextFailsAtOnce() {
        ReqRepServer server = server(0);
        ReqRepClient client = client(server.localAddress(), b -> b.maxPendingRequests(10));
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(client.call("hold", new byte[0]));
        }
        CompletableFuture<byte[]> eleventh = client.call("upper", utf8("x"));
        assertThat(eleventh).isCompletedExceptionally();
        assertThatThrownBy(eleventh::join).cause().isInstanceOf(ReqRepException.class)
                .hasMessageContaining("10 requests already pending");
        await().until(() -> held.size() == 10);
        held.forEach(f -> f.complete(RouteResponse.ofUtf8("done")));
        calls.forEach(c -> assertThat(c.join()).isEqualTo(utf8("done")));
        assertThat(client.call("upper", utf8("again")).join()).isEqualTo(utf8("AGAIN"));
    }

    @Test
    void errorAnswersCarryCodeAndMessage() {
        ReqRepServer server = server(0);
        ReqRepClient client = client(server.localAddress(), b -> b);
        assertThatThrownBy(() -> client.call("missing", new byte[0]).join()).cause()
                .isInstanceOf(ReqRepException.class)
                .hasMessageContaining("no route named 'missing'")
                .satisfies(e -> assertThat(((ReqRepException) e).codeName()).isEqualTo("NO_SUCH_ROUTE"));
    }

    @Test
    void refusedConnectionSaysSo() {
        int port = FreePorts.find();
        ReqRepClient client = client(new InetSocketAddress("127.0.0.1", port), b -> b);
        assertThatThrownBy(() -> client.call("hello", new byte[0]).join()).cause()
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("refused");
    }

    @Test
    void reconnectsWithBackoffWhenTheServerComesBack() {
        int port = FreePorts.find();
        ReqRepServer first = server(port);
        ReqRepClient client = client(new InetSocketAddress("127.0.0.1", port),
                b -> b.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        assertThat(client.call("upper", utf8("one")).join()).isEqualTo(utf8("ONE"));
        first.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> client.call("upper", utf8("x")).join()).cause()
                        .isInstanceOf(ConnectionException.class));
        server(port);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(client.call("upper", utf8("two")).join()).isEqualTo(utf8("TWO")));
    }

    @Test
    void inFlightRequestsFailWhenTheConnectionIsLost() {
        ReqRepServer server = server(0);
        ReqRepClient client = client(server.localAddress(), b -> b);
        CompletableFuture<byte[]> call = client.call("hold", new byte[0], Duration.ofSeconds(30));
        await().until(() -> held.size() == 1);
        server.close(); // drain timeout 0: the held request is cut off
        assertThatThrownBy(call::join).cause().isInstanceOf(ConnectionException.class)
                .hasMessageContaining("lost before the answer");
    }

    @Test
    void connectionPingMeasuresARoundTrip() {
        ReqRepServer server = server(0);
        ReqRepClientConfig config = ReqRepClientConfig.builder(server.localAddress()).build();
        var transport = dev.switchboard.transport.Transport.best();
        var group = transport.newGroup("ping-test", 1);
        try {
            ReqRepConnection connection = ReqRepConnection.open(config, transport, group).join();
            assertThat(connection.ping().join()).isPositive();
            connection.close();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aPlainServerIsNotMistakenForAFramedOne() throws Exception {
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket s = plain.accept()) {
                    s.getOutputStream().write(utf8("Hello, client!"));
                } catch (java.io.IOException ignored) {
                    // the test fails on the client side if this does not happen
                }
            });
            answer.start();
            ReqRepClient client = client(new InetSocketAddress("127.0.0.1", plain.getLocalPort()), b -> b);
            assertThatThrownBy(() -> client.call("hello", new byte[0]).join()).cause()
                    .hasMessageContaining("not a Switchboard reqrep server")
                    .hasMessageContaining("--raw");
            answer.join(5000);
        }
    }

    @Test
    void rawCallSpeaksThePlainProtocol() {
        ReqRepServer server = server(0);
        byte[] answer = RawCall.call(server.localAddress(), utf8("Hello, server!"), Duration.ofSeconds(5));
        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("Hello, client!");
    }
}
