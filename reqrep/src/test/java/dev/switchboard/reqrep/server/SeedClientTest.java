package dev.switchboard.reqrep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's Python client, run with python3, unchanged but for the port, against our server. */
class SeedClientTest {
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    @Test
    void seedClientPrintsTheAnswerExactly() throws IOException, InterruptedException, URISyntaxException {
        ReqRepServer server = servers.start();
        Path script = Path.of(SeedClientTest.class.getResource("/seed/seed_client.py").toURI());
        Process python = new ProcessBuilder("python3", script.toString(),
                String.valueOf(server.localAddress().getPort())).redirectErrorStream(true).start();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("Received data: b'Hello, client!'\n");
    }
}
