package dev.switchboard.transport.tls;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who is at the other end of a TLS connection, set as the channel attribute {@link #KEY} once
 * the handshake has succeeded (before the first application byte is read). Protocol handlers
 * read it with {@link #of(Channel)}; a plain TCP channel has none.
 *
 * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
 * @param clientCertificate the verified client certificate, or null when the client showed none
 * @param username the name the client is known by when the server takes the certificate's CN
 *     as the username (MQTT {@code --use-cn-as-username}); empty otherwise
 */
public record TlsIdentity(String protocol, X509Certificate clientCertificate, Optional<String> username) {
    public static final AttributeKey<TlsIdentity> KEY = AttributeKey.valueOf(TlsIdentity.class, "tlsIdentity");

    /** The identity of {@code channel}'s TLS peer, if the channel is TLS and its handshake is done. */
    public static Optional<TlsIdentity> of(Channel channel) {
        // hasAttr first: attr() would add an empty attribute to every plain-TCP channel it is asked about
        return channel.hasAttr(KEY) ? Optional.ofNullable(channel.attr(KEY).get()) : Optional.empty();
    }

    /** The common name (CN) of the client certificate's subject, if it has a certificate with one. */
    public Optional<String> commonName() {
        return clientCertificate == null ? Optional.empty() : commonName(clientCertificate);
    }

    /** The first CN of {@code certificate}'s subject. */
    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
