package dev.switchboard.cli.reqrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliRun;
import dev.switchboard.reqrep.server.ReqRepServer;
import dev.switchboard.reqrep.server.ReqRepServerConfig;
import dev.switchboard.reqrep.server.Routes;
import dev.switchboard.testkit.FreePorts;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code switchboard reqrep call}: the answer on stdout, or one error line and a non-zero exit. */
class ReqRepCallCommandTest {
    private ReqRepServer server;
    private String target;

    @BeforeEach
    void start() {
        Routes routes = Routes.builder().route("never", r -> new CompletableFuture<>()).build();
        server = ReqRepServer.start(ReqRepServerConfig.builder().port(0).routes(routes).build());
        target = "127.0.0.1:" + server.localAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void framedCallToTheDefaultHelloRoute() {
        CliRun run = CliRun.of("reqrep", "call", target, "Hello, server!");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Hello, client!\n");
    }

    @Test
    void framedCallToANamedRoute() {
        CliRun run = CliRun.of("reqrep", "call", target, "echo", "ping pong");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ping pong\n");
    }

    @Test
    void rawCall() {
        CliRun run = CliRun.of("reqrep", "call", target, "--raw", "Hello, server!");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Hello, client!\n");
    }

    @Test
    void errorFrameIsOneLineAndExit1() {
        CliRun run = CliRun.of("reqrep", "call", target, "nope", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(
                "error: server answered NO_SUCH_ROUTE: no route named 'nope'; this server has [echo, hello, never]");
    }

    @Test
    void timeoutIsOneLineAndExit1() {
        CliRun run = CliRun.of("reqrep", "call", target, "never", "x", "--timeout", "300ms");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: no response from " + target + " within 300 ms");
    }

    @Test
    void refusedIsOneLineAndExit1() {
        for (String mode : new String[] {"--timeout=2s", "--raw"}) {
            int port = FreePorts.find();
            CliRun run = CliRun.of("reqrep", "call", "127.0.0.1:" + port, mode, "x");
            assertThat(run.exitCode()).as(mode).isEqualTo(1);
            assertThat(run.errLines()).as(mode).containsExactly("error: cannot connect to 127.0.0.1:" + port
                    + ": connection refused (is the server running on that port?)");
        }
    }

    @Test
    void unknownHostIsOneLineAndExit1() {
        CliRun run = CliRun.of("reqrep", "call", "no-such-host.invalid:1234", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines()[0]).startsWith("error: cannot connect to no-such-host.invalid:1234: ");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CliRun noPort = CliRun.of("reqrep", "call", "localhost", "x");
        assertThat(noPort.exitCode()).isEqualTo(2);
        assertThat(noPort.errLines()[0]).isEqualTo("error: expected HOST:PORT, got 'localhost'");

        CliRun rawWithRoute = CliRun.of("reqrep", "call", target, "--raw", "echo", "x");
        assertThat(rawWithRoute.exitCode()).isEqualTo(2);
        assertThat(rawWithRoute.errLines()[0]).startsWith("error: --raw sends only a MESSAGE");
    }
}
