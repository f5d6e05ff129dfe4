package dev.switchboard.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.testkit.TestCertificates.Issued;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM loading: good files build a TLS 1.2/1.3 context; every bad file is one error naming it. */
class TlsFilesTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Issued server;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(dir);
        server = certs.server("server");
    }

    @Test
    void loadsPkcs8KeyAndChainAndOffersOnlyTls13And12() {
        TlsFiles.Loaded loaded = TlsFiles.load(TlsConfig.of(server.cert(), server.key()));
        assertThat(loaded.certificate().getSerialNumber()).isEqualTo(server.serial());
        SSLEngine engine = loaded.context().newEngine(ByteBufAllocator.DEFAULT);
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getNeedClientAuth()).isFalse();
    }

    @Test
    void requiringClientCertificatesMakesTheEngineNeedThem() {
        SslContext context = TlsFiles.load(TlsConfig.of(server.cert(), server.key())
                .requiringClientCertificates(certs.caFile())).context();
        assertThat(context.newEngine(ByteBufAllocator.DEFAULT).getNeedClientAuth()).isTrue();
    }

    @Test
    void requiringClientCertificatesWithoutCaIsRefused() {
        assertThatThrownBy(() -> new TlsConfig(server.cert(), server.key(), null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA file");
    }

    @Test
    void pkcs1KeySaysHowToConvertIt() {
        Path pkcs1 = certs.pkcs1RsaKey("old.key");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.cert(), pkcs1)))
                .isInstanceOf(TlsFileException.class)
                .hasMessage("key " + pkcs1 + ": is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY); a PKCS#8 key is needed;"
                        + " convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + pkcs1 + " -out key.pk8.pem");
    }

    @Test
    void sec1EcKeySaysHowToConvertIt() throws Exception {
        Path sec1 = write("sec1.key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.cert(), sec1)))
                .hasMessageStartingWith("key " + sec1 + ": is a SEC1 EC key").hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void encryptedKeyIsRefused() throws Exception {
        Path enc = write("enc.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.cert(), enc)))
                .hasMessageStartingWith("key " + enc + ": is encrypted");
    }

    @Test
    void garbageCertificateNamesTheFile() throws Exception {
        Path bad = write("bad.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(bad, server.key())))
                .isInstanceOf(TlsFileException.class)
                .hasMessageStartingWith("certificate " + bad + ": not a valid PEM certificate");
    }

    @Test
    void truncatedCertificateNamesTheFile() throws Exception {
        String pem = Files.readString(server.cert());
        Path truncated = write("truncated.pem", pem.substring(0, pem.length() / 2));
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(truncated, server.key())))
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith("certificate " + truncated + ": ");
    }

    @Test
    void truncatedKeyNamesTheFile() throws Exception {
        String pem = Files.readString(server.key());
        Path truncated = write("truncated.key", pem.substring(0, pem.length() / 2));
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.cert(), truncated)))
                .isInstanceOf(TlsFileException.class)
                .hasMessage("key " + truncated + ": no PEM private key (-----BEGIN PRIVATE KEY-----) found");
    }

    @Test
    void corruptKeyBodyNamesTheFile() throws Exception {
        Path corrupt = write("corrupt.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.cert(), corrupt)))
                .hasMessage("key " + corrupt + ": not a PKCS#8 RSA, EC or EdDSA private key");
    }

    @Test
    void emptyAndMissingFilesNameTheFile() throws Exception {
        Path empty = write("empty.pem", "");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(empty, server.key())))
                .hasMessage("certificate " + empty + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(missing, server.key())))
                .hasMessage("certificate " + missing + ": no such file");
    }

    @Test
    void swappedCertAndKeyAreNamedAsSuch() {
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.key(), server.cert())))
                .hasMessageContaining("are --cert and --key swapped?");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        Issued other = certs.server("other");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.cert(), other.key())))
                .isInstanceOf(TlsFileException.class)
                .hasMessageStartingWith("key " + other.key() + ": does not belong to certificate " + server.cert());
    }

    @Test
    void oversizedFileIsRefusedBeforeReading() throws Exception {
        Path huge = write("huge.pem", "x".repeat(1024 * 1024 + 1));
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(huge, server.key())))
                .hasMessage("certificate " + huge + ": larger than 1024 KiB; not a PEM file?");
    }

    @Test
    void badCaFileIsNamed() throws Exception {
        Path ca = write("ca-bad.pem", "hello");
        assertThatThrownBy(() -> TlsFiles.load(TlsConfig.of(server.cert(), server.key()).requiringClientCertificates(ca)))
                .hasMessageStartingWith("CA " + ca + ": no PEM certificate");
    }

    @Test
    void protocolsAreNewestFirst() {
        assertThat(TlsFiles.PROTOCOLS).isEqualTo(List.of("TLSv1.3", "TLSv1.2"));
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
