package dev.switchboard.interop.mqtt;

import dev.switchboard.interop.ExternalProgram;
import dev.switchboard.mqtt.broker.Listeners;
import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.testkit.TestCertificates.Issued;
import dev.switchboard.transport.tls.TlsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 08: MQTT over TLS and over WebSocket with third-party clients. mosquitto_sub and
 * mosquitto_pub over TLS (--cafile, hostname checked against the certificate's IP SAN), Paho
 * Python over WebSocket and secure WebSocket receiving what mosquitto_pub sent over plain TCP.
 */
class Mqtt08TlsTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Issued server;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(dir);
        server = certs.server("server");
    }

    @RegisterExtension
    final InteropBroker interop = new InteropBroker(b -> b.listeners(Listeners.builder()
            .tls(TlsConfig.of(server.cert(), server.key())).tlsPort(0).webSocketPort(0).secureWebSocketPort(0)
            .build()));

    private int tlsPort() {
        return interop.broker().tlsAddress().orElseThrow().getPort();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void mosquittoSubscribesAndPublishesOverTls(MqttVersion version) {
        String ca = certs.caFile().toString();
        ExternalProgram sub = interop.mosquittoSubAt(tlsPort(), version, "--cafile", ca, "-t", "tls/t", "-C", "1");
        interop.awaitSubscriptions(1);
        interop.mosquittoPubAt(tlsPort(), version, "--cafile", ca, "-t", "tls/t", "-m", "secret", "-q", "1")
                .awaitSuccess();
        org.assertj.core.api.Assertions.assertThat(sub.awaitSuccess()).containsExactly("secret");
    }

    @Test
    void mosquittoWithoutTheCaRefusesOurCertificate() {
        ExternalProgram pub = interop.mosquittoPubAt(tlsPort(), MqttVersion.MQTT_3_1_1,
                "--cafile", "/etc/ssl/certs/ca-certificates.crt", "-t", "x", "-m", "y");
        org.assertj.core.api.Assertions.assertThat(pub.awaitExit()).isNotZero();
    }

    @Test
    void pahoPythonOverWebSocketGetsWhatMosquittoPublishedOverTcp() {
        int wsPort = interop.broker().webSocketAddress().orElseThrow().getPort();
        ExternalProgram sub = interop.pythonAt(wsPort, "/ws_subscriber.py", "ws/t");
        sub.awaitLine("subscribed"::equals, "subscribed");
        interop.mosquittoPub(MqttVersion.MQTT_3_1_1, "-t", "ws/t", "-m", "over websocket", "-q", "1");
        sub.awaitLine("ws/t over websocket"::equals, "the message");
    }

    @Test
    void pahoPythonOverSecureWebSocket() {
        int wssPort = interop.broker().secureWebSocketAddress().orElseThrow().getPort();
        ExternalProgram sub = interop.pythonAt(wssPort, "/ws_subscriber.py", "wss/t", certs.caFile().toString());
        sub.awaitLine("subscribed"::equals, "subscribed");
        interop.mosquittoPub(MqttVersion.MQTT_5, "-t", "wss/t", "-m", "over wss", "-q", "1");
        sub.awaitLine("wss/t over wss"::equals, "the message");
    }
}
