package dev.switchboard.reqrep.server;

import dev.switchboard.transport.Addresses;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import org.slf4j.Logger;

/**
 * How a connection without the framed protocol (not decided yet, or raw) ends: it has no error
 * frame to send, so the server closes it with one line naming the peer, in the handler's own log.
 */
final class UnframedClose {
    private UnframedClose() {
    }

    /** Nothing decisive arrived within the idle timeout. */
    static void idle(ChannelHandlerContext ctx, Logger log, String connection) {
        log.info("closing {} from {}: nothing received within the idle timeout", connection,
                Addresses.format(ctx.channel().remoteAddress()));
        ctx.close();
    }

    /** The connection failed; a plain I/O error (reset, broken pipe) is not worth a line. */
    static void failed(ChannelHandlerContext ctx, Logger log, String connection, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("{} from {} failed: {}", connection, Addresses.format(ctx.channel().remoteAddress()),
                    cause.toString());
        }
        ctx.close();
    }
}
