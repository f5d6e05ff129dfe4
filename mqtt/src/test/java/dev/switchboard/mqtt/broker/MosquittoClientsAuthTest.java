package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ThirdParty;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** mosquitto_pub and mosquitto_sub logging in with -u/-P, 3.1.1 and 5. */
class MosquittoClientsAuthTest {
    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @TempDir
    Path dir;

    private MqttBroker broker;

    @BeforeEach
    void start() throws Exception {
        ThirdParty.requireCommand("mosquitto_sub", "mosquitto-clients");
        Path passwords = AuthFiles.passwords(dir, "alice", "wonderland");
        Path acl = AuthFiles.acl(dir, "user alice", "topic readwrite demo/#");
        broker = brokers.start(b -> b.passwordFile(passwords).aclFile(acl).allowAnonymous(false));
    }

    private record Run(int exit, String output) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("-h", "127.0.0.1", "-p", String.valueOf(broker.localAddress().getPort())));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theRightPasswordPublishesAndSubscribes() throws Exception {
        for (String version : List.of("mqttv311", "mqttv5")) {
            Process sub = new ProcessBuilder("mosquitto_sub", "-V", version, "-u", "alice", "-P", "wonderland",
                    "-t", "demo/#", "-C", "1", "-W", "15", "-h", "127.0.0.1",
                    "-p", String.valueOf(broker.localAddress().getPort())).redirectErrorStream(true).start();
            brokers.closeLater(sub::destroy);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> broker.subscriptions() == 1);
            assertThat(run("mosquitto_pub", "-V", version, "-u", "alice", "-P", "wonderland", "-t", "demo/x",
                    "-m", "hi " + version).exit()).isZero();
            assertThat(sub.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo("hi " + version);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> broker.subscriptions() == 0);
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Run v3 = run("mosquitto_pub", "-V", "mqttv311", "-u", "alice", "-P", "guess", "-t", "demo/x", "-m", "x");
        assertThat(v3.exit()).isNotZero();
        assertThat(v3.output()).containsIgnoringCase("not authori");
        Run v5 = run("mosquitto_pub", "-V", "mqttv5", "-u", "alice", "-P", "guess", "-t", "demo/x", "-m", "x");
        assertThat(v5.exit()).isNotZero();
        assertThat(v5.output()).containsIgnoringCase("bad user name or password");
        Run anonymous = run("mosquitto_pub", "-V", "mqttv5", "-t", "demo/x", "-m", "x");
        assertThat(anonymous.output()).containsIgnoringCase("not authori");
    }
}
