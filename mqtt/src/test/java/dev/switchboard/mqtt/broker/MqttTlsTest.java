package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.testkit.TestCertificates.Issued;
import dev.switchboard.transport.tls.TlsConfig;
import dev.switchboard.transport.tls.TlsFileException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over TLS with Eclipse Paho's Java client: server and client certificates, and reloads. */
class MqttTlsTest {
    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @TempDir
    Path dir;
    TestCertificates certs;
    Issued server;
    Path certFile;
    Path keyFile;

    @BeforeEach
    void makeCertificates() throws Exception {
        certs = TestCertificates.create(dir);
        server = certs.server("server");
        certFile = Files.copy(server.cert(), dir.resolve("live.pem"));
        keyFile = Files.copy(server.key(), dir.resolve("live.key"));
    }

    private MqttBroker tlsBroker(TlsConfig tls) {
        return brokers.start(b -> b.listeners(Listeners.builder().tls(tls).tlsPort(0)
                .tlsFileCheck(Duration.ZERO).build()));
    }

    private MqttClient paho(MqttBroker broker, String id, SSLContext ssl) throws MqttException {
        MqttClient client = new MqttClient("ssl://127.0.0.1:" + broker.tlsAddress().orElseThrow().getPort(), id,
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(ssl.getSocketFactory());
        options.setConnectionTimeout(10);
        client.connect(options);
        brokers.closeLater(() -> {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        });
        return client;
    }

    private static List<String> subscribe(MqttClient client, String filter) throws MqttException {
        List<String> received = new CopyOnWriteArrayList<>();
        client.subscribe(filter, 1, (topic, m) -> received.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        return received;
    }

    @Test
    void pahoPublishesAndReceivesOverTls() throws Exception {
        MqttBroker broker = tlsBroker(TlsConfig.of(certFile, keyFile));
        List<String> received = subscribe(paho(broker, "sub", certs.clientContext(null)), "secure/topic");
        paho(broker, "pub", certs.clientContext(null)).publish("secure/topic", "over tls".getBytes(), 1, false);
        await().until(() -> received.equals(List.of("over tls")));
    }

    @Test
    void tlsAndPlainClientsShareTopics() throws Exception {
        MqttBroker broker = tlsBroker(TlsConfig.of(certFile, keyFile));
        List<String> received = subscribe(paho(broker, "sub", certs.clientContext(null)), "mixed");
        MqttClient plain = new MqttClient(BrokerFixture.uri(broker), "plain", new MemoryPersistence());
        plain.connect();
        brokers.closeLater(plain::close);
        plain.publish("mixed", "from tcp".getBytes(), 0, false);
        plain.disconnect();
        await().until(() -> received.equals(List.of("from tcp")));
    }

    @Test
    void requiredClientCertificateLetsAClientWithOneIn() throws Exception {
        MqttBroker broker = tlsBroker(TlsConfig.of(certFile, keyFile).requiringClientCertificates(certs.caFile()));
        MqttClient client = paho(broker, "alice", certs.clientContext(certs.client("alice")));
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void withCnAsUsernameTheCertificateIsTheLoginAndTheAclSeesItsName() throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), "user alice\ntopic readwrite alice/#\n");
        MqttBroker broker = brokers.start(b -> b.allowAnonymous(false).aclFile(acl)
                .listeners(Listeners.builder().tls(TlsConfig.of(certFile, keyFile)
                        .requiringClientCertificates(certs.caFile())).tlsPort(0).useCnAsUsername(true)
                        .tlsFileCheck(Duration.ZERO).build()));
        // no user name, no password, anonymous refused: only the certificate's CN lets it in
        MqttClient alice = paho(broker, "alice-device", certs.clientContext(certs.client("alice")));
        List<String> received = subscribe(alice, "alice/#");
        alice.publish("alice/1", "mine".getBytes(), 1, false);
        alice.publish("bob/1", "not mine".getBytes(), 1, false); // denied by the ACL: dropped
        alice.publish("alice/2", "end".getBytes(), 1, false);
        await().until(() -> received.equals(List.of("mine", "end")));
    }

    @Test
    void requiredClientCertificateRefusesAClientWithout() {
        MqttBroker broker = tlsBroker(TlsConfig.of(certFile, keyFile).requiringClientCertificates(certs.caFile()));
        assertThatThrownBy(() -> paho(broker, "anonymous", certs.clientContext(null)))
                .isInstanceOf(MqttException.class);
        await().until(() -> broker.openConnections() == 0);
    }

    @Test
    void reloadKeepsEstablishedConnectionsAndShowsNewOnesTheNewCertificate() throws Exception {
        MqttBroker broker = tlsBroker(TlsConfig.of(certFile, keyFile));
        MqttClient before = paho(broker, "before", certs.clientContext(null));
        List<String> received = subscribe(before, "r");
        Issued renewed = certs.server("renewed");
        Files.copy(renewed.key(), keyFile, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed.cert(), certFile, StandardCopyOption.REPLACE_EXISTING);

        assertThat(broker.reloadTls()).isTrue();

        assertThat(before.isConnected()).isTrue();
        before.publish("r", "still here".getBytes(), 1, false);
        await().until(() -> received.equals(List.of("still here")));
        assertThat(serialOfANewHandshake(broker)).isEqualTo(renewed.serial());
        paho(broker, "after", certs.clientContext(null)).publish("r", "new".getBytes(), 1, false);
        await().until(() -> received.equals(List.of("still here", "new")));
    }

    @Test
    void reloadWithBadFilesKeepsTheOldCertificate() throws Exception {
        MqttBroker broker = tlsBroker(TlsConfig.of(certFile, keyFile));
        Files.writeString(keyFile, "not a key");
        assertThat(broker.reloadTls()).isFalse();
        assertThat(serialOfANewHandshake(broker)).isEqualTo(server.serial());
    }

    @Test
    void changedFilesAreReloadedWithoutBeingAsked() throws Exception {
        MqttBroker broker = brokers.start(b -> b.listeners(Listeners.builder().tls(TlsConfig.of(certFile, keyFile))
                .tlsPort(0).tlsFileCheck(Duration.ofMillis(50)).build()));
        Issued renewed = certs.server("renewed");
        Files.copy(renewed.key(), keyFile, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed.cert(), certFile, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> serialOfANewHandshake(broker).equals(renewed.serial()));
    }

    @Test
    void badPemAtStartIsOneErrorNamingTheFile() throws Exception {
        Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> tlsBroker(TlsConfig.of(certFile, keyFile)))
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith("certificate " + certFile + ": ");
    }

    @Test
    void reloadWithoutTlsIsRefused() {
        MqttBroker broker = brokers.start();
        assertThatThrownBy(broker::reloadTls).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no TLS configured");
    }

    @Test
    void cnAsUsernameNeedsRequiredClientCertificates() {
        assertThatThrownBy(() -> Listeners.builder().tls(TlsConfig.of(certFile, keyFile)).useCnAsUsername(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--require-client-cert");
        assertThatThrownBy(() -> Listeners.builder().secureWebSocketPort(8084).build())
                .hasMessageContaining("needs a certificate and key");
    }

    private BigInteger serialOfANewHandshake(MqttBroker broker) throws Exception {
        try (SSLSocket socket = (SSLSocket) certs.clientContext(null).getSocketFactory()
                .createSocket("127.0.0.1", broker.tlsAddress().orElseThrow().getPort())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
