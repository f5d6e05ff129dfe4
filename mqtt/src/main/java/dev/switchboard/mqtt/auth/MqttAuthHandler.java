package dev.switchboard.mqtt.auth;

import dev.switchboard.mqtt.codec.PacketMapper;
import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.tls.TlsIdentity;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the CONNECT's credentials before the connection handler sees it. While the hash is checked
 * (off the event loop) reading stops and the packets already decoded behind the CONNECT wait here,
 * at most {@link #MAX_EARLY_PACKETS}; on success the CONNECT goes on (without its user name and
 * password unless they were verified, so the broker only ever sees a verified user name), then the
 * waiting packets, and this handler leaves the pipeline. A refusal is a CONNACK with the reason,
 * held back by the address's {@link LoginBackoff} after a bad password, then close. Anything but a
 * well-formed CONNECT first is passed on untouched for the connection handler to refuse.
 * Per channel; touched only on the channel's event loop.
 */
public final class MqttAuthHandler extends ChannelInboundHandlerAdapter {
    public static final int MAX_EARLY_PACKETS = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MqttAuthHandler.class);

    private final AccessControl access;
    private boolean inactivePending;
    private boolean refused;
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private boolean checking;

    public MqttAuthHandler(AccessControl access) {
        this.access = access;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg); // the CONNACK refusing it is on its way; then the close
            return;
        }
        if (checking) {
            if (early.size() >= MAX_EARLY_PACKETS) {
                ReferenceCountUtil.release(msg);
                LOG.info("closing connection from {}: more than {} packets before its CONNACK",
                        Addresses.format(ctx.channel().remoteAddress()), MAX_EARLY_PACKETS);
                ctx.close();
                return;
            }
            early.add(msg);
            return;
        }
        if (!(msg instanceof MqttConnectMessage connect) || !connect.decoderResult().isSuccess()) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        checking = true;
        ctx.channel().config().setAutoRead(false);
        InetAddress address = addressOf(ctx);
        Duration wait = address == null ? Duration.ZERO : access.backoff().waitBeforeCheck(address);
        if (wait.isZero()) {
            check(ctx, connect, address);
        } else {
            ctx.executor().schedule(() -> check(ctx, connect, address), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check(ChannelHandlerContext ctx, MqttConnectMessage connect, InetAddress address) {
        if (!ctx.channel().isActive() && !inactivePending) {
            releaseEarly();
            return;
        }
        var certificateUser = TlsIdentity.of(ctx.channel()).flatMap(TlsIdentity::username);
        if (certificateUser.isPresent()) {
            // --use-cn-as-username: the verified client certificate's CN is the user; no password
            LOG.debug("client certificate of {} stands for user '{}'", Addresses.format(ctx.channel().remoteAddress()),
                    printable(certificateUser.get()));
            admit(ctx, withUser(connect, certificateUser.get()));
            return;
        }
        MqttConnectVariableHeader header = connect.variableHeader();
        String user = header.hasUserName() ? connect.payload().userName() : null;
        byte[] password = header.hasPassword() ? connect.payload().passwordInBytes() : null;
        var pending = access.authenticator().login(user, password);
        if (pending.isDone() && ctx.executor().inEventLoop()) {
            // no hash to check (anonymous): decide now, in this read, so packets read with the
            // CONNECT follow it at once
            decide(ctx, connect, address, user, pending.isCompletedExceptionally() ? Login.BUSY : pending.join());
            return;
        }
        pending.whenComplete((login, error) -> {
            try {
                ctx.executor().execute(() -> decide(ctx, connect, address, user,
                        error == null ? login : Login.BUSY));
            } catch (RejectedExecutionException e) {
                LOG.debug("login for {} finished while the broker stops", user);
            }
        });
    }

    private void decide(ChannelHandlerContext ctx, MqttConnectMessage connect, InetAddress address, String user,
            Login login) {
        if (!ctx.channel().isActive() && !(login.admitted() && inactivePending)) {
            releaseEarly();
            return;
        }
        if (login.admitted()) {
            if (login.outcome() == Login.Outcome.ACCEPTED && address != null) {
                access.backoff().succeeded(address);
            }
            admit(ctx, login.user() != null ? connect : withoutCredentials(connect));
            return;
        }
        releaseEarly();
        refused = true;
        if (inactivePending) {
            ctx.fireChannelInactive();
            return;
        }
        ProtocolVersion version = ProtocolVersion.ofLevel(connect.variableHeader().version());
        String peer = Addresses.format(ctx.channel().remoteAddress());
        switch (login.outcome()) {
            case BAD_CREDENTIALS -> {
                Duration delay = address == null ? Duration.ZERO : access.backoff().failed(address);
                LOG.info("login refused from {}: bad user name or password for user '{}' (answered in {} ms)",
                        peer, printable(user), delay.toMillis());
                ctx.executor().schedule(() -> refuse(ctx, version, version.isMqtt5()
                        ? ReasonCodes.BAD_USER_NAME_OR_PASSWORD : ReasonCodes.NOT_AUTHORIZED,
                        "bad user name or password"), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            case ANONYMOUS_REFUSED -> {
                LOG.info("login refused from {}: anonymous clients are not allowed{}", peer,
                        user == null ? "" : " (user '" + printable(user) + "' cannot be verified without a password file)");
                refuse(ctx, version, ReasonCodes.NOT_AUTHORIZED, "anonymous clients are not allowed");
            }
            default -> {
                LOG.warn("login refused from {}: {} logins already wait for a password check", peer,
                        access.authenticator().queued());
                refuse(ctx, version, ReasonCodes.SERVER_BUSY, "too many logins at once; try again later");
            }
        }
    }

    private void admit(ChannelHandlerContext ctx, MqttConnectMessage forwarded) {
        checking = false;
        ctx.channel().config().setAutoRead(true); // before the packets: a DISCONNECT among them stops it again
        ctx.fireChannelRead(forwarded);
        while (!early.isEmpty()) {
            ctx.fireChannelRead(early.poll());
        }
        ctx.fireChannelReadComplete();
        if (inactivePending) {
            ctx.fireChannelInactive();
        }
        ctx.pipeline().remove(this);
    }

    /** The CONNECT with {@code user} as its (verified) user name and no password. */
    static MqttConnectMessage withUser(MqttConnectMessage connect, String user) {
        MqttConnectVariableHeader h = connect.variableHeader();
        MqttConnectPayload p = connect.payload();
        return new MqttConnectMessage(connect.fixedHeader(),
                new MqttConnectVariableHeader(h.name(), h.version(), true, false, h.isWillRetain(), h.willQos(),
                        h.isWillFlag(), h.isCleanSession(), h.keepAliveTimeSeconds(), h.properties()),
                new MqttConnectPayload(p.clientIdentifier(), p.willProperties(), p.willTopic(),
                        p.willMessageInBytes(), user, (byte[]) null));
    }

    private static void refuse(ChannelHandlerContext ctx, ProtocolVersion version, int reasonCode, String reason) {
        ctx.writeAndFlush(PacketMapper.toNetty(ConnAck.refused(reasonCode, reason), version))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** The CONNECT as the broker should see it from a client whose user name was not verified. */
    static MqttConnectMessage withoutCredentials(MqttConnectMessage connect) {
        MqttConnectVariableHeader h = connect.variableHeader();
        if (!h.hasUserName() && !h.hasPassword()) {
            return connect;
        }
        MqttConnectPayload p = connect.payload();
        return new MqttConnectMessage(connect.fixedHeader(),
                new MqttConnectVariableHeader(h.name(), h.version(), false, false, h.isWillRetain(), h.willQos(),
                        h.isWillFlag(), h.isCleanSession(), h.keepAliveTimeSeconds(), h.properties()),
                new MqttConnectPayload(p.clientIdentifier(), p.willProperties(), p.willTopic(),
                        p.willMessageInBytes(), null, (byte[]) null));
    }

    private static InetAddress addressOf(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** A user name fit for one log line: control characters escaped, at most 100 characters. */
    static String printable(String user) {
        if (user == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        user.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return user.codePointCount(0, user.length()) > 100 ? out + "..." : out.toString();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseEarly();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (checking && !refused) {
            // a client that wrote CONNECT, PUBLISH, DISCONNECT and closed while its login was
            // checked: its packets are still handled once admitted, then the close is passed on
            inactivePending = true;
            return;
        }
        releaseEarly();
        super.channelInactive(ctx);
    }

    private void releaseEarly() {
        while (!early.isEmpty()) {
            ReferenceCountUtil.release(early.poll());
        }
    }
}
