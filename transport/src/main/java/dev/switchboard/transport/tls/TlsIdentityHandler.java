package dev.switchboard.transport.tls;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Sits right after the {@link SslHandler}: when the handshake succeeds it records the peer's
 * {@link TlsIdentity} on the channel and leaves the pipeline. Stateless, one instance per setting.
 */
@Sharable
public final class TlsIdentityHandler extends ChannelInboundHandlerAdapter {
    private static final TlsIdentityHandler PLAIN = new TlsIdentityHandler(false);
    private static final TlsIdentityHandler CN_AS_USERNAME = new TlsIdentityHandler(true);

    private final boolean commonNameIsUsername;

    private TlsIdentityHandler(boolean commonNameIsUsername) {
        this.commonNameIsUsername = commonNameIsUsername;
    }

    /** The handler; with {@code commonNameIsUsername} the client certificate's CN becomes the username. */
    public static TlsIdentityHandler of(boolean commonNameIsUsername) {
        return commonNameIsUsername ? CN_AS_USERNAME : PLAIN;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
            X509Certificate client = clientCertificate(session);
            Optional<String> username = commonNameIsUsername && client != null
                    ? TlsIdentity.commonName(client) : Optional.empty();
            ctx.channel().attr(TlsIdentity.KEY).set(new TlsIdentity(session.getProtocol(), client, username));
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }

    private static X509Certificate clientCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }
}
