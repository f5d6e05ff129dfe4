package dev.switchboard.transport.tls;

import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.RateLimitedLog;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link SslHandler}: when the handshake succeeds it records the peer's
 * {@link TlsIdentity} on the channel and leaves the pipeline; when it fails (no or untrusted
 * client certificate, refused protocol) it logs one rate-limited line and closes the channel,
 * so the failure never reaches the protocol handlers. Stateless, one instance per setting.
 */
@Sharable
public final class TlsIdentityHandler extends ChannelInboundHandlerAdapter {
    private static final TlsIdentityHandler PLAIN = new TlsIdentityHandler(false);
    private static final TlsIdentityHandler CN_AS_USERNAME = new TlsIdentityHandler(true);

    private static final Logger LOG = LoggerFactory.getLogger(TlsIdentityHandler.class);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, Duration.ofSeconds(1));

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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (reason instanceof SSLException) {
            FAILURES.warn("tls handshake from {} failed: {}", Addresses.format(ctx.channel().remoteAddress()),
                    reason.getMessage());
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
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
