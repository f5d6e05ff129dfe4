package dev.switchboard.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority made at test time with the openssl CLI: a CA, server and
 * client certificates it signs (EC P-256, PKCS#8 keys, valid for 127.0.0.1 and localhost), and
 * JDK {@link SSLContext}s for test clients. Nothing is checked in; every run makes its own.
 */
public final class TestCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private final Path dir;
    private final Path caCert;
    private final Path caKey;

    /** A certificate and its key as PEM files, and the certificate's serial number. */
    public record Issued(Path cert, Path key, BigInteger serial, String commonName) {
    }

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
    }

    /** Makes a new CA named {@code caName} in {@code dir}; skips the test (fails on CI) without openssl. */
    public static TestCertificates create(Path dir, String caName) {
        ThirdParty.requireCommand("openssl", "openssl");
        TestCertificates certs = new TestCertificates(dir);
        certs.openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", certs.caKey.toString(), "-out", certs.caCert.toString(), "-days", "2",
                "-subj", "/CN=" + caName, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return certs;
    }

    public static TestCertificates create(Path dir) {
        return create(dir, "Switchboard Test CA");
    }

    /** The CA certificate, for --ca and for clients' trust. */
    public Path caFile() {
        return caCert;
    }

    /** A server certificate for 127.0.0.1 and localhost, files named after {@code name}. */
    public Issued server(String name) {
        return issue(name, name, "serverAuth");
    }

    /** A client certificate whose subject is CN={@code commonName}. */
    public Issued client(String commonName) {
        return issue(commonName, commonName, "clientAuth");
    }

    private Issued issue(String fileName, String commonName, String usage) {
        Path key = dir.resolve(fileName + ".key");
        Path csr = dir.resolve(fileName + ".csr");
        Path cert = dir.resolve(fileName + ".pem");
        Path ext = dir.resolve(fileName + ".ext");
        BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
        write(ext, "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage="
                + usage + "\n");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + commonName);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-set_serial", serial.toString(), "-days", "2", "-out", cert.toString(), "-extfile", ext.toString());
        return new Issued(cert, key, serial, commonName);
    }

    /** An RSA key in the old PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}), which the broker refuses. */
    public Path pkcs1RsaKey(String fileName) {
        Path key = dir.resolve(fileName);
        openssl("genrsa", "-traditional", "-out", key.toString(), "2048");
        return key;
    }

    /** A client context that trusts this CA, presenting {@code clientCert} when not null. */
    public SSLContext clientContext(Issued clientCert) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificates(caCert).get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (clientCert != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", privateKey(clientCert.key()), new char[0],
                        certificates(clientCert.cert()).toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a client SSLContext: " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM file, in file order. */
    public static List<X509Certificate> certificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read certificates from " + pem + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        return KeyFactory.getInstance("EC").generatePrivate(spec);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }
}
