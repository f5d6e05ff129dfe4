package dev.switchboard.transport.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Reads a server's PEM files and builds its {@link SslContext}: JDK provider, TLS 1.3 and 1.2
 * only. Each file is read once and Netty is handed the parsed key and chain, so a file replaced
 * while a reload runs cannot pair an old certificate with a new key. Every problem is one
 * {@link TlsFileException} naming the file; a PKCS#1 or SEC1 key says how to convert it.
 */
public final class TlsFiles {
    /** The protocols every Switchboard TLS listener offers, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final long MAX_FILE_SIZE = 1024 * 1024;
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private TlsFiles() {
    }

    /** A built context and the certificate it presents. */
    public record Loaded(SslContext context, X509Certificate certificate) {
    }

    /** Loads and checks every file of {@code config}. */
    public static Loaded load(TlsConfig config) {
        List<X509Certificate> chain = certificates("certificate", config.certFile());
        PrivateKey key = privateKey(config.keyFile());
        requireMatch(chain.get(0), key, config);
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS);
        if (config.caFile() != null) {
            builder.trustManager(certificates("CA", config.caFile()).toArray(X509Certificate[]::new))
                    .clientAuth(config.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        try {
            return new Loaded(builder.build(), chain.get(0));
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsFileException("certificate", config.certFile(), "cannot be used with key " + config.keyFile()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM file, in file order; at least one. */
    static List<X509Certificate> certificates(String role, Path file) {
        String text = read(role, file);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            String hint = text.contains("PRIVATE KEY-----") ? " (this is a private key: are --cert and --key swapped?)" : "";
            throw new TlsFileException(role, file, "no PEM certificate (-----BEGIN CERTIFICATE-----) found" + hint);
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new TlsFileException(role, file, "no PEM certificate found");
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(role, file, "not a valid PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) {
        String text = read("key", file);
        String convert = "; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pk8.pem";
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new TlsFileException("key", file, "is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY); a PKCS#8 key is needed"
                    + convert);
        }
        if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new TlsFileException("key", file, "is a SEC1 EC key (BEGIN EC PRIVATE KEY); a PKCS#8 key is needed"
                    + convert);
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new TlsFileException("key", file, "is encrypted; an unencrypted PKCS#8 key is needed" + convert);
        }
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            String hint = text.contains("-----BEGIN CERTIFICATE-----") ? " (this is a certificate: are --cert and --key swapped?)" : "";
            throw new TlsFileException("key", file, "no PEM private key (-----BEGIN PRIVATE KEY-----) found" + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new TlsFileException("key", file, "the PEM private key is not valid base64", e);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // try the next algorithm
            }
        }
        throw new TlsFileException("key", file, "not a PKCS#8 RSA, EC or EdDSA private key");
    }

    private static void requireMatch(X509Certificate certificate, PrivateKey key, TlsConfig config) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "switchboard key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            PublicKey publicKey = certificate.getPublicKey();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsFileException("key", config.keyFile(), "does not belong to certificate " + config.certFile()
                    + " (" + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private static String read(String role, Path file) {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new TlsFileException(role, file, "larger than " + MAX_FILE_SIZE / 1024 + " KiB; not a PEM file?");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(role, file, "no such file", e);
        } catch (IOException e) {
            throw new TlsFileException(role, file, "cannot be read: " + e, e);
        }
    }
}
