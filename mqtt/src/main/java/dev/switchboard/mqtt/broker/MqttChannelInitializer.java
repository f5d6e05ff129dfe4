package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.auth.MqttAuthHandler;
import dev.switchboard.transport.ConnectionLimiter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The whole MQTT pipeline:
 * {@code connection-limiter, flush-consolidation, mqtt-encoder, mqtt-decoder, idle-state, mqtt-auth, mqtt-connection}.
 * The idle-state handler first closes a connection that sends no CONNECT within the connect
 * timeout; after CONNECT it is replaced by one that enforces 1.5 times the keep alive. The auth
 * handler checks the CONNECT's credentials and leaves once the client is in.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String CONNECTION_LIMITER = "connection-limiter";
    static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    static final String MQTT_ENCODER = "mqtt-encoder";
    static final String MQTT_DECODER = "mqtt-decoder";
    static final String IDLE_STATE = "idle-state";
    static final String MQTT_AUTH = "mqtt-auth";
    static final String MQTT_CONNECTION = "mqtt-connection";

    private final BrokerConfig config;
    private final Broker broker;
    private final ConnectionLimiter limiter;

    MqttChannelInitializer(BrokerConfig config, Broker broker, ConnectionLimiter limiter) {
        this.config = config;
        this.broker = broker;
        this.limiter = limiter;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(CONNECTION_LIMITER, limiter);
        p.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        p.addLast(MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(MQTT_DECODER, new MqttDecoder(config.maxPacketSize()));
        p.addLast(IDLE_STATE, new IdleStateHandler(config.connectTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(MQTT_AUTH, new MqttAuthHandler(broker.access()));
        p.addLast(MQTT_CONNECTION, new MqttConnectionHandler(broker, config));
    }
}
