package dev.switchboard.cli.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cli.CliRun;
import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.broker.MqttBroker;
import dev.switchboard.testkit.FreePorts;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mqtt pub} and {@code mqtt sub} (HiveMQ client) against our broker, for 3.1.1 and 5. */
class MqttPubSubCommandTest {
    private MqttBroker broker;
    private String port;

    @BeforeEach
    void start() {
        broker = MqttBroker.start(BrokerConfig.builder().port(0).build());
        port = String.valueOf(broker.localAddress().getPort());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"311", "5"})
    void subPrintsTopicAndPayloadAndExitsAfterCount(String version) throws Exception {
        CompletableFuture<CliRun> sub = CompletableFuture.supplyAsync(() -> CliRun.of("mqtt", "sub", "-p", port,
                "-t", "example/#", "-q", "1", "-v", "-C", "2", "-V", version));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.subscriptions() == 1);
        CliRun first = CliRun.of("mqtt", "pub", "-p", port, "-t", "example/topic", "-m", "Hello, subscribers!",
                "-q", "1", "-V", version);
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun second = CliRun.of("mqtt", "pub", "-p", port, "-t", "example/other", "-m", "second", "-q", "2",
                "-V", version);
        assertThat(second.exitCode()).as(second.err()).isZero();
        CliRun run = sub.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("example/topic Hello, subscribers!\nexample/other second\n");
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"311", "5"})
    void retainedMessagesReachALaterSubscriber(String version) {
        assertThat(CliRun.of("mqtt", "pub", "-p", port, "-t", "status", "-m", "up", "-r", "-V", version).exitCode())
                .isZero();
        CliRun run = CliRun.of("mqtt", "sub", "-p", port, "-t", "status", "-C", "1", "-V", version);
        assertThat(run.out()).isEqualTo("up\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pub", "sub"})
    void aBrokerThatIsNotThereIsOneErrorLine(String command) {
        int closed = FreePorts.find();
        CliRun run = CliRun.of("mqtt", command, "-p", String.valueOf(closed), "-t", "x", "-m", "y");
        if (command.equals("sub")) {
            run = CliRun.of("mqtt", command, "-p", String.valueOf(closed), "-t", "x");
        }
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: cannot connect to 127.0.0.1:" + closed
                + ": connection refused (is the broker running on that port?)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-q 3", "-V 4"})
    void badFlagsAreUsageErrors(String flag) {
        String[] parts = flag.split(" ");
        CliRun run = CliRun.of("mqtt", "pub", "-p", port, "-t", "x", parts[0], parts[1]);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ");
    }
}
