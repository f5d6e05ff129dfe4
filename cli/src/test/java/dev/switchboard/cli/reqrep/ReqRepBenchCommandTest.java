package dev.switchboard.cli.reqrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cli.CliRun;
import dev.switchboard.reqrep.server.ReqRepServer;
import dev.switchboard.reqrep.server.ReqRepServerConfig;
import org.junit.jupiter.api.Test;

/** {@code reqrep bench}: its last stdout line is the contract scripts read. */
class ReqRepBenchCommandTest {
    @Test
    void lastLineIsTheSummary() {
        try (ReqRepServer server = ReqRepServer.start(ReqRepServerConfig.builder().port(0).build())) {
            CliRun run = CliRun.of("reqrep", "bench", "127.0.0.1:" + server.localAddress().getPort(),
                    "--connections", "4", "--pipeline", "4", "--size", "64", "--duration", "1s", "--warmup", "0s");
            assertThat(run.exitCode()).as(run.err()).isZero();
            String[] lines = run.out().strip().split("\n");
            assertThat(lines[lines.length - 1])
                    .matches("requests/s=[1-9]\\d* p50_us=\\d+ p99_us=\\d+ p999_us=\\d+ errors=0");
        }
    }

    @Test
    void unreachableServerIsOneErrorLine() {
        int port = dev.switchboard.testkit.FreePorts.find();
        CliRun run = CliRun.of("reqrep", "bench", "127.0.0.1:" + port, "--duration", "1s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: cannot connect to 127.0.0.1:" + port);
        assertThat(run.err()).doesNotContain("\tat ");
    }
}
