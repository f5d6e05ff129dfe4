package dev.switchboard.reqrep.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The framed protocol on a real socket, scripted byte by byte from the client side. */
class FramedServerTest {
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();
    private final ConcurrentLinkedQueue<CompletableFuture<RouteResponse>> slowAnswers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> blockingThreads = new ConcurrentLinkedQueue<>();
    private final CountDownLatch releaseBlocked = new CountDownLatch(1);

    private ReqRepServer start(java.util.function.UnaryOperator<ReqRepServerConfig.Builder> more) {
        Routes routes = Routes.builder()
                .route("slow", request -> {
                    CompletableFuture<RouteResponse> answer = new CompletableFuture<>();
                    slowAnswers.add(answer);
                    return answer;
                })
                .route("never", request -> new CompletableFuture<>())
                .route("big", request -> CompletableFuture.completedFuture(RouteResponse.of(new byte[4096])))
                .route("boom", request -> {
                    throw new IllegalStateException("kaput");
                })
                .route("app-error", request -> CompletableFuture.failedFuture(new ReqRepException(1001, "no such user")))
                .blockingRoute("thread", request -> {
                    blockingThreads.add(Thread.currentThread().getName());
                    return RouteResponse.ofUtf8(Thread.currentThread().getName());
                })
                .blockingRoute("block", request -> {
                    releaseBlocked.await(10, TimeUnit.SECONDS);
                    return RouteResponse.ofUtf8("released");
                })
                .build();
        return servers.start(b -> more.apply(b.routes(routes)));
    }

    private ReqRepServer start() {
        return start(b -> b);
    }

    @Test
    void preambleAndOneEchoExchangeAsExactBytes() {
        ReqRepServer server = start();
        try (RawClient client = RawClient.connect(server.localAddress())) {
            client.sendHex("00535742 01")            // magic "\0SWB", version 1
                    .expectHex("00535742 01");       // the server answers with its own preamble
            client.sendHex("0000000d"                // length 13: type..end
                    + "01"                           // type: request
                    + "00"                           // flags
                    + "00000007"                     // request id 7
                    + "04 6563686f"                  // route: 4 bytes, "echo"
                    + "6869");                       // body "hi"
            client.expectHex("00000008"              // length 8
                    + "02"                           // type: response
                    + "00"                           // flags
                    + "00000007"                     // request id 7
                    + "6869");                       // body "hi"
        }
    }

    @Test
    void answersComeOutOfOrderAsRoutesComplete() {
        ReqRepServer server = start();
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(1, "slow", new byte[0]));
            FramedWire.send(client, new Frame.Request(2, "echo", bytes("fast")));
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(2, bytes("fast")));
            org.awaitility.Awaitility.await().until(() -> !slowAnswers.isEmpty());
            slowAnswers.poll().complete(RouteResponse.ofUtf8("late"));
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(1, bytes("late")));
        }
    }

    @Test
    void manyConcurrentRequestsOnOneConnectionAreAllAnswered() {
        ReqRepServer server = start();
        try (RawClient client = FramedWire.open(server.localAddress())) {
            for (int id = 1; id <= 500; id++) {
                FramedWire.send(client, new Frame.Request(id, "echo", bytes("n" + id)));
            }
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < 500; i++) {
                Frame.Response response = (Frame.Response) FramedWire.read(client);
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("n" + response.id());
                seen.add(response.id());
            }
            assertThat(seen).hasSize(500);
        }
    }

    @Test
    void unknownRouteIsAnErrorAndTheConnectionStaysUsable() {
        ReqRepServer server = start();
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(3, "nope", new byte[0]));
            Frame.Error error = (Frame.Error) FramedWire.read(client);
            assertThat(error.id()).isEqualTo(3);
            assertThat(error.code()).isEqualTo(ErrorCode.NO_SUCH_ROUTE.value());
            assertThat(error.message()).contains("nope").contains("echo").contains("hello");
            FramedWire.send(client, new Frame.Request(4, "hello", new byte[0]));
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(4, bytes("Hello, client!")));
        }
    }

    @Test
    void pingIsAnsweredWithTheSamePayload() {
        ReqRepServer server = start();
        try (RawClient client = FramedWire.open(server.localAddress())) {
            client.sendHex("0000000e 04 00 00000000 0102030405060708");   // ping, payload 0102..08
            client.expectHex("0000000e 05 00 00000000 0102030405060708"); // pong, same payload
        }
    }

    @Test
    void failingHandlersAnswerHandlerFailedOrTheirOwnCode() {
        ReqRepServer server = start();
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(1, "boom", new byte[0]));
            Frame.Error boom = (Frame.Error) FramedWire.read(client);
            assertThat(boom.code()).isEqualTo(ErrorCode.HANDLER_FAILED.value());
            assertThat(boom.message()).contains("boom").contains("kaput");
            FramedWire.send(client, new Frame.Request(2, "app-error", new byte[0]));
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Error(2, 1001, "no such user"));
        }
    }

    @Test
    void blockingRoutesRunOnTheWorkerPoolNotAnEventLoop() {
        ReqRepServer server = start();
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(1, "thread", new byte[0]));
            Frame.Response response = (Frame.Response) FramedWire.read(client);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("reqrep-worker");
        }
    }

    @Test
    void fullWorkerPoolAnswersOverloadedAtOnce() {
        ReqRepServer server = start(b -> b.workerThreads(1).workerQueue(1));
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(1, "block", new byte[0])); // runs
            FramedWire.send(client, new Frame.Request(2, "block", new byte[0])); // queued
            FramedWire.send(client, new Frame.Request(3, "block", new byte[0])); // no room
            Frame.Error error = (Frame.Error) FramedWire.read(client);
            assertThat(error.id()).isEqualTo(3);
            assertThat(error.code()).isEqualTo(ErrorCode.OVERLOADED.value());
            releaseBlocked.countDown();
            assertThat(java.util.List.of(FramedWire.read(client), FramedWire.read(client)))
                    .containsExactlyInAnyOrder(new Frame.Response(1, bytes("released")),
                            new Frame.Response(2, bytes("released")));
        }
    }

    @Test
    void aHandlerThatNeverAnswersGetsTimeout() {
        ReqRepServer server = start(b -> b.handlerTimeout(Duration.ofMillis(200)));
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(9, "never", new byte[0]));
            Frame.Error error = (Frame.Error) FramedWire.read(client);
            assertThat(error.id()).isEqualTo(9);
            assertThat(error.code()).isEqualTo(ErrorCode.TIMEOUT.value());
            assertThat(error.message()).contains("never");
        }
    }

    @Test
    void aResponseLargerThanTheMaximumFrameBecomesAnError() {
        ReqRepServer server = start(b -> b.maxFrameLength(2048));
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(5, "big", new byte[0]));
            Frame.Error error = (Frame.Error) FramedWire.read(client);
            assertThat(error.id()).isEqualTo(5);
            assertThat(error.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE.value());
            FramedWire.send(client, new Frame.Request(6, "echo", bytes("still here")));
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(6, bytes("still here")));
        }
    }

    @Test
    void unsupportedVersionIsRefusedWithAReason() {
        ReqRepServer server = start();
        try (RawClient client = RawClient.connect(server.localAddress())) {
            client.sendHex("00535742 02").expectHex("00535742 01");
            Frame.Error error = (Frame.Error) FramedWire.read(client);
            assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION.value());
            assertThat(error.message()).contains("version 2");
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
