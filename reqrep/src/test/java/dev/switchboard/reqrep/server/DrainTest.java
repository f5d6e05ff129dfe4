package dev.switchboard.reqrep.server;

import static dev.switchboard.reqrep.server.FramedServerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.testkit.RawClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: in-flight requests finish, new ones are refused with a clear error. */
class DrainTest {
    @Test
    void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
        AtomicReference<CompletableFuture<RouteResponse>> held = new AtomicReference<>();
        Routes routes = Routes.builder().route("hold", r -> {
            CompletableFuture<RouteResponse> f = new CompletableFuture<>();
            held.set(f);
            return f;
        }).build();
        ReqRepServer server = ReqRepServer.start(ReqRepServerConfig.builder().port(0).routes(routes)
                .drainTimeout(Duration.ofSeconds(10)).build());
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(1, "hold", new byte[0]));
            await().until(() -> held.get() != null);

            Thread closer = new Thread(server::close, "closer");
            closer.start();

            Frame.GoAway goAway = (Frame.GoAway) FramedWire.read(client);
            assertThat(goAway.code()).isEqualTo(ErrorCode.SHUTTING_DOWN.value());
            assertThat(goAway.message()).contains("shutting down");

            FramedWire.send(client, new Frame.Request(2, "echo", bytes("late")));
            Frame.Error refused = (Frame.Error) FramedWire.read(client);
            assertThat(refused.id()).isEqualTo(2);
            assertThat(refused.code()).isEqualTo(ErrorCode.SHUTTING_DOWN.value());
            assertThat(closer.isAlive()).as("close() waits for the in-flight request").isTrue();

            held.get().complete(RouteResponse.ofUtf8("finished"));
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(1, bytes("finished")));
            assertThat(client.isClosedByPeer()).isTrue();
            closer.join(10_000);
            assertThat(closer.isAlive()).isFalse();
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(server.localAddress(), 1000))
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void drainGivesUpAfterTheDrainTimeout() {
        Routes routes = Routes.builder().route("never", r -> new CompletableFuture<>()).build();
        ReqRepServer server = ReqRepServer.start(ReqRepServerConfig.builder().port(0).routes(routes)
                .drainTimeout(Duration.ofMillis(300)).build());
        try (RawClient client = FramedWire.open(server.localAddress())) {
            FramedWire.send(client, new Frame.Request(1, "never", new byte[0]));
            await().until(() -> server.openConnections() == 1);
            server.close();
            assertThat(FramedWire.read(client)).isInstanceOf(Frame.GoAway.class);
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }
}
