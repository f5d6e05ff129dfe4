package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.interop.ExternalProgram;
import dev.switchboard.mqtt.broker.Listeners;
import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.testkit.TestCertificates.Issued;
import dev.switchboard.transport.tls.TlsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scenario 09: --require-client-cert with mosquitto clients: a certificate from --ca gets in, none does not. */
class Mqtt09TlsClientCertificateTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Issued server;
    static Issued client;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(dir);
        server = certs.server("server");
        client = certs.client("sensor-1");
    }

    @RegisterExtension
    final InteropBroker interop = new InteropBroker(b -> b.listeners(Listeners.builder()
            .tls(TlsConfig.of(server.cert(), server.key()).requiringClientCertificates(certs.caFile()))
            .tlsPort(0).useCnAsUsername(true).build()));

    private int tlsPort() {
        return interop.broker().tlsAddress().orElseThrow().getPort();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void clientWithCertificateSubscribesAndPublishes(MqttVersion version) {
        String[] tls = {"--cafile", certs.caFile().toString(), "--cert", client.cert().toString(),
                "--key", client.key().toString()};
        ExternalProgram sub = interop.mosquittoSubAt(tlsPort(), version, concat(tls, "-t", "c/t", "-C", "1"));
        interop.awaitSubscriptions(1);
        interop.mosquittoPubAt(tlsPort(), version, concat(tls, "-t", "c/t", "-m", "signed")).awaitSuccess();
        assertThat(sub.awaitSuccess()).containsExactly("signed");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void clientWithoutCertificateIsRefused(MqttVersion version) {
        ExternalProgram pub = interop.mosquittoPubAt(tlsPort(), version, "--cafile", certs.caFile().toString(),
                "-t", "c/t", "-m", "anonymous");
        assertThat(pub.awaitExit()).isNotZero();
        assertThat(interop.broker().sessions()).isZero();
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
