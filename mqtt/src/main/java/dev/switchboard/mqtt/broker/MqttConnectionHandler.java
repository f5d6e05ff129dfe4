package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.codec.MqttProtocolException;
import dev.switchboard.mqtt.codec.PacketMapper;
import dev.switchboard.mqtt.codec.ProtocolErrorAction;
import dev.switchboard.mqtt.codec.ProtocolErrors;
import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.PingReq;
import dev.switchboard.mqtt.packet.PingResp;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.PubAck;
import dev.switchboard.mqtt.packet.PubComp;
import dev.switchboard.mqtt.packet.PubRec;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.ReasonCodes;
import dev.switchboard.mqtt.topic.TopicName;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.IdleSweep;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.ReadDeadline;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection: expects CONNECT first, checks it, then hands every packet, in order, to
 * the broker (which runs it on the client's lane). Closes a connection that sends no CONNECT within
 * the connect timeout, and enforces keep alive at 1.5 times the interval (MQTT-3.1.2-24), with a
 * {@link ReadDeadline} in the broker's {@link IdleSweep} rather than a timer per connection.
 * Once the CONNECT is in, the channel moves to the client's lane ({@link LaneMove}) before the
 * broker hears of the client, so that later packets are read, handled and answered on one thread.
 * Per channel; its fields are touched only on the channel's event loop (the one it is on).
 */
final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    private static final RateLimitedLog PROTOCOL_ERRORS = new RateLimitedLog(LOG, Duration.ofSeconds(1));

    private final Broker broker;
    private final BrokerConfig config;
    private final IdleSweep idleSweep;
    private ReadDeadline deadline;
    private boolean loginWaited;
    private ChannelConnection connection;
    private InboundGate gate;
    private TopicAliases topicAliases;
    private String clientId;
    private boolean disconnectedNormally;
    /** While the channel moves to its lane: the CONNECT and the packets read behind it wait there. */
    private LaneMove move;

    MqttConnectionHandler(Broker broker, BrokerConfig config, IdleSweep idleSweep) {
        this.broker = broker;
        this.config = config;
        this.idleSweep = idleSweep;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        watch(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        watch(ctx);
        super.channelActive(ctx);
    }

    /** The connect timeout starts once the channel is active (accepted channels already are when added). */
    private void watch(ChannelHandlerContext ctx) {
        if (deadline == null && ctx.channel().isActive()) {
            deadline = idleSweep.watch(ctx.executor(), config.connectTimeout(), () -> readTimedOut(ctx));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (deadline != null) {
            deadline.touch();
        }
        Packet packet;
        try {
            packet = PacketMapper.fromNetty((MqttMessage) msg);
        } catch (MqttProtocolException e) {
            fail(ctx, e);
            return;
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (move != null) {
            move.hold(packet);
        } else if (connection == null) {
            onFirstPacket(ctx, packet);
        } else {
            onPacket(ctx, packet);
        }
    }

    private void onFirstPacket(ChannelHandlerContext ctx, Packet packet) {
        if (!(packet instanceof Connect connect)) {
            protocolError(ctx, "the first packet must be CONNECT, got " + packet.getClass().getSimpleName());
            return;
        }
        Limits limits = config.limits();
        PublishRate rate = limits.limitsPublishRate() ? new PublishRate(limits, config.clock(),
                broker.limitLog(), () -> "client " + clientId + " at " + Addresses.format(ctx.channel().remoteAddress())) : null;
        gate = new InboundGate(ctx.channel(), p -> broker.packet(clientId, connection, p), rate);
        connection = new ChannelConnection(ctx.channel(), connect, gate);
        String assigned = null;
        if (connect.clientId().isEmpty()) {
            if (!connect.cleanStart() && !connect.version().isMqtt5()) {
                refuse(ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID,
                        "an empty client id needs clean session (MQTT-3.1.3-8)");
                return;
            }
            assigned = "auto-" + UUID.randomUUID();
        }
        String willProblem = connect.will().map(w -> limits.topicProblem(w.topic())).orElse(null);
        if (willProblem != null) {
            // the topic limits hold for the will as for a PUBLISH: MQTT 5 CONNACK 0x90 Topic Name
            // invalid ("the Will Topic Name ... is not accepted by this Server"), 3.1.1 0x05
            broker.limitLog().hit(LimitLog.Limit.TOPIC, "client {} at {}: CONNECT refused: will {}",
                    connect.clientId(), connection.peer(), willProblem);
            refuse(ReasonCodes.TOPIC_NAME_INVALID, "will " + willProblem);
            return;
        }
        clientId = assigned != null ? assigned : connect.clientId();
        EventExecutor lane = broker.lane(clientId);
        if (LaneMove.isNeeded(ctx.channel(), lane)) {
            if (deadline != null) { // a deadline belongs to its loop: the lane's loop gets a new one
                deadline.cancel();
                deadline = null;
            }
            move = LaneMove.start(ctx.channel(), (EventLoop) lane, connect, m -> arrived(ctx, m),
                    m -> closedOnTheWay(ctx, m));
            return;
        }
        admitted(ctx, connect);
    }

    /** On the client's lane: the broker takes the client, then what it sent while the channel moved. */
    private void arrived(ChannelHandlerContext ctx, LaneMove arrived) {
        if (move == arrived) {
            finishMove(ctx, arrived);
            gate.resume();
        }
    }

    /**
     * The channel closed before it reached its lane: the CONNECT and the packets behind it still go
     * to the broker (from here, as they would have without the move), then the connection's end.
     */
    private void closedOnTheWay(ChannelHandlerContext ctx, LaneMove abandoned) {
        if (move != abandoned) {
            return;
        }
        gate.closed();
        finishMove(ctx, abandoned);
        // the channel's inactive event may never reach this handler: a pipeline closed while it
        // leaves its loop is taken down at deregistration (a second call finds the session detached)
        broker.connectionLost(clientId, connection, disconnectedNormally);
    }

    private void finishMove(ChannelHandlerContext ctx, LaneMove done) {
        move = null;
        admitted(ctx, done.connect());
        for (Packet p = done.next(); p != null; p = done.next()) {
            onPacket(ctx, p);
        }
    }

    /** A CONNECT that passed the connection's checks, on the channel's final loop: keep alive, then the broker. */
    private void admitted(ChannelHandlerContext ctx, Connect connect) {
        Duration keepAlive = Duration.ofMillis(effectiveKeepAlive(connect.keepAliveSeconds()) * 1500L);
        if (deadline != null) {
            deadline.timeout(keepAlive);
        } else if (ctx.channel().isActive()) { // moved: watched on this loop from now on
            deadline = idleSweep.watch(ctx.executor(), keepAlive, () -> readTimedOut(ctx));
        }
        broker.connect(connect, connection, clientId);
    }

    private int effectiveKeepAlive(int requested) {
        int max = config.maxKeepAliveSeconds();
        if (max > 0 && (requested == 0 || requested > max)) {
            return max;
        }
        return requested;
    }

    private void refuse(int reasonCode, String reason) {
        LOG.info("refused CONNECT from {}: {}", connection.peer(), reason);
        connection.channel().writeAndFlush(PacketMapper.toNetty(ConnAck.refused(reasonCode, reason),
                connection.version())).addListener(ChannelFutureListener.CLOSE);
        connection = null;
    }

    private void onPacket(ChannelHandlerContext ctx, Packet packet) {
        if (packet instanceof Publish publish) {
            if (!publish.subscriptionIdentifiers().isEmpty()) {
                protocolError(ctx, "a PUBLISH from a client must not carry a Subscription Identifier (MQTT-3.3.4-6)");
                return;
            }
            try {
                packet = publish.topicAlias().isEmpty() ? publish : topicAliases().resolve(publish);
            } catch (MqttProtocolException e) {
                fail(ctx, e);
                return;
            }
        }
        if (packet instanceof PingReq) {
            connection.send(PingResp.INSTANCE);
        } else if (packet instanceof Connect) {
            protocolError(ctx, "a second CONNECT on the same connection (MQTT-3.1.0-2)");
        } else if (packet instanceof Disconnect disconnect) {
            // closed by the session's lane, so whatever the lane still owes the client (the CONNACK
            // of a client that wrote CONNECT, PUBLISH, DISCONNECT back to back) goes out first
            disconnectedNormally = disconnect.reasonCode() != ReasonCodes.DISCONNECT_WITH_WILL;
            gate.stopReading();
            gate.offer(packet);
        } else if (packet instanceof Publish publish && !TopicName.parse(publish.topic()).isValid()) {
            protocolError(ctx, "PUBLISH topic '" + publish.topic() + "' is not a valid topic name (MQTT-3.3.2-2)");
        } else if (packet instanceof Publish publish && config.limits().topicProblem(publish.topic()) != null) {
            // a topic name the server does not accept: MQTT 5 0x90 Topic Name invalid (3.3.4); 3.1.1 closes
            String problem = config.limits().topicProblem(publish.topic());
            broker.limitLog().hit(LimitLog.Limit.TOPIC, "client {} at {}: PUBLISH refused, closing: {}", clientId,
                    connection.peer(), problem);
            fail(ctx, new MqttProtocolException(ReasonCodes.TOPIC_NAME_INVALID, "PUBLISH " + problem));
        } else if (packet instanceof PubAck || packet instanceof PubRec || packet instanceof PubComp) {
            gate.bypass(packet);
        } else {
            gate.offer(packet);
        }
    }

    /** Created by the first PUBLISH that carries an alias: most clients never send one. */
    private TopicAliases topicAliases() {
        if (topicAliases == null) {
            topicAliases = new TopicAliases(connection.version().isMqtt5() ? config.topicAliasMaximum() : 0);
        }
        return topicAliases;
    }

    private void protocolError(ChannelHandlerContext ctx, String reason) {
        fail(ctx, MqttProtocolException.protocolError(reason));
    }

    /** The one way out for bad input: the wire action the protocol prescribes, then close. */
    private void fail(ChannelHandlerContext ctx, MqttProtocolException error) {
        PROTOCOL_ERRORS.warn("closing MQTT connection from {}{}: reason 0x{}: {}",
                Addresses.format(ctx.channel().remoteAddress()), clientId == null ? "" : " (client " + clientId + ")",
                Integer.toHexString(error.reasonCode()), error.getMessage());
        ctx.channel().config().setAutoRead(false);
        if (gate != null) {
            gate.stopReading();
        }
        Optional<ProtocolVersion> negotiated = connection == null ? Optional.empty() : Optional.of(connection.version());
        ProtocolErrorAction action = ProtocolErrors.actionFor(error, negotiated);
        if (action.reply().isPresent()) {
            ctx.writeAndFlush(PacketMapper.toNetty(action.reply().get(), action.replyVersion()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && clientId != null && move == null) {
            broker.writable(clientId, connection);
            gate.release();
        }
        super.channelWritabilityChanged(ctx);
    }

    /** Nothing read for the connect timeout (before CONNECT) or 1.5 times the keep alive (after). */
    private void readTimedOut(ChannelHandlerContext ctx) {
        if (connection == null) {
            if (!loginWaited && !ctx.channel().config().isAutoRead()
                    && ctx.pipeline().get(MqttChannelInitializer.MQTT_AUTH) != null) {
                // a CONNECT is read and its login still checked (reading paused): the timeout
                // starts again from here, once, as it used to restart when the CONNECT was read
                loginWaited = true;
                return;
            }
            LOG.info("closing connection from {}: no CONNECT within {} ms",
                    Addresses.format(ctx.channel().remoteAddress()), config.connectTimeout().toMillis());
            ctx.close();
        } else if (gate.isHolding()) {
            // the broker stopped reading this client (back-pressure): its silence is ours
            LOG.debug("client {}: reading paused by back-pressure, keep alive not counted", clientId);
        } else {
            LOG.info("client {} at {}: keep alive expired, closing", clientId, connection.peer());
            connection.disconnect(ReasonCodes.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (clientId != null && connection != null) {
            broker.connectionLost(clientId, connection, disconnectedNormally);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("MQTT connection from {} lost: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("MQTT connection from {} failed: {}", Addresses.format(ctx.channel().remoteAddress()),
                    cause.toString());
        }
        ctx.close();
    }
}
