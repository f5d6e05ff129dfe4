package dev.switchboard.cli.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cli.CliProcess;
import dev.switchboard.cli.CliRun;
import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.testkit.TestCertificates.Issued;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqtt serve} with TLS and WebSocket flags: listeners, SIGHUP reload, and one-line errors. */
class MqttServeTlsCommandTest {
    private static final Pattern TLS_LISTENING = Pattern.compile("mqtt over TLS listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    TestCertificates certs;
    Path cert;
    Path key;

    @BeforeEach
    void makeCertificates() throws Exception {
        certs = TestCertificates.create(dir);
        Issued server = certs.server("server");
        cert = Files.copy(server.cert(), dir.resolve("live.pem"));
        key = Files.copy(server.key(), dir.resolve("live.key"));
    }

    @Test
    void sigHupReloadsTheCertificateAndKeepsEstablishedConnections() throws Exception {
        try (CliProcess cli = CliProcess.start(List.of("mqtt", "serve", "--in-memory", "--port", "0", "--tls-port", "0",
                "--ws-port", "0", "--cert", cert.toString(), "--key", key.toString(), "--tls-check-interval", "0",
                "--sys-interval", "0"))) {
            int port = cli.awaitReady(TLS_LISTENING);
            SSLContext client = certs.clientContext(null);
            try (SSLSocket established = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
                established.setSoTimeout(10_000);
                // CONNECT 3.1.1, clean session, keep alive 60, client id "a"; CONNACK accepted
                exchange(established, "100d00044d5154540402003c000161", "20020000");
                Issued renewed = certs.server("renewed");
                Files.copy(renewed.key(), key, StandardCopyOption.REPLACE_EXISTING);
                Files.copy(renewed.cert(), cert, StandardCopyOption.REPLACE_EXISTING);

                cli.signal("HUP");

                await().atMost(Duration.ofSeconds(10)).until(() -> serial(client, port).equals(renewed.serial()));
                exchange(established, "c000", "d000"); // PINGREQ, PINGRESP on the connection made before
            }
            String log = cli.interrupt();
            assertThat(log).contains("mqtt over WebSocket listening on ws://127.0.0.1:")
                    .contains("SIGHUP: reloading the mqtt password, ACL and TLS files")
                    .contains("mqtt tls: reloaded " + cert + " (CN=renewed");
        }
    }

    private static void exchange(SSLSocket socket, String sendHex, String expectHex) throws Exception {
        socket.getOutputStream().write(HexFormat.of().parseHex(sendHex));
        socket.getOutputStream().flush();
        byte[] reply = socket.getInputStream().readNBytes(expectHex.length() / 2);
        assertThat(HexFormat.of().formatHex(reply)).isEqualTo(expectHex);
    }

    private static BigInteger serial(SSLContext client, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @Test
    void badPemIsOneErrorLineNamingTheFile() throws Exception {
        Files.writeString(cert, "garbage");
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--tls-port", "0", "--cert", cert.toString(),
                "--key", key.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("error: certificate " + cert
                + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
    }

    @Test
    void pkcs1KeyErrorSaysHowToConvert() {
        Path pkcs1 = certs.pkcs1RsaKey("rsa.key");
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--tls-port", "0", "--cert", cert.toString(),
                "--key", pkcs1.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("is a PKCS#1 RSA key").contains("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1);
    }

    @Test
    void certWithoutKeyIsAUsageError() {
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--cert", cert.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: TLS needs both --cert and --key");
    }

    @Test
    void cnAsUsernameWithoutRequiredClientCertIsAUsageError() {
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--cert", cert.toString(), "--key", key.toString(),
                "--use-cn-as-username");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--require-client-cert");
    }

    @Test
    void secureWebSocketWithoutCertIsAUsageError() {
        CliRun run = CliRun.of("mqtt", "serve", "--in-memory", "--port", "0", "--wss-port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("need --cert and --key");
    }
}
