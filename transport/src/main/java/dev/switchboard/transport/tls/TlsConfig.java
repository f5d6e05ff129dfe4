package dev.switchboard.transport.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a TLS server finds its PEM files and whether it asks clients for certificates.
 *
 * @param certFile the server's certificate chain, leaf first (PEM)
 * @param keyFile the server's private key, unencrypted PKCS#8 (PEM {@code BEGIN PRIVATE KEY})
 * @param caFile certificates that client certificates must chain to; null when clients are not
 *     asked for one. Given without {@code requireClientCert}, a client may present a certificate
 *     and it is then verified, but one without is still let in.
 * @param requireClientCert refuse the handshake of a client without a certificate from {@code caFile}
 */
public record TlsConfig(Path certFile, Path keyFile, Path caFile, boolean requireClientCert) {
    public TlsConfig {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        if (requireClientCert && caFile == null) {
            throw new IllegalArgumentException("requiring client certificates needs a CA file (--ca) to check them against");
        }
    }

    /** A server certificate and key; clients are not asked for certificates. */
    public static TlsConfig of(Path certFile, Path keyFile) {
        return new TlsConfig(certFile, keyFile, null, false);
    }

    /** The same files, and clients must present a certificate that chains to {@code caFile}. */
    public TlsConfig requiringClientCertificates(Path caFile) {
        return new TlsConfig(certFile, keyFile, caFile, true);
    }

    public Optional<Path> ca() {
        return Optional.ofNullable(caFile);
    }
}
