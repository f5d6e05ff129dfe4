package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.websocket.WebSocketFrameAdapter;
import dev.switchboard.mqtt.websocket.WebSocketUpgradeGate;
import dev.switchboard.mqtt.auth.MqttAuthHandler;
import dev.switchboard.transport.AddressLimiter;
import dev.switchboard.transport.ConnectionLimiter;
import dev.switchboard.transport.IdleSweep;
import dev.switchboard.transport.tls.ReloadingSslContext;
import dev.switchboard.transport.tls.TlsIdentityHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * The whole MQTT pipeline, for every kind of listener:
 * {@code connection-limiter, [address-limiter], [tls, tls-identity], [http-codec, http-aggregator, websocket-gate,
 * websocket-protocol, websocket-frames], flush-consolidation, mqtt-encoder, mqtt-decoder,
 * mqtt-auth, mqtt-connection}.
 * TLS takes the broker's current SSL context per channel, so a reloaded certificate serves new
 * handshakes only. The WebSocket part answers the HTTP upgrade (bounded to {@link #MAX_UPGRADE_LINE}
 * and {@link #MAX_UPGRADE_HEADERS} bytes), then frames become a byte stream; after the upgrade
 * Netty replaces the HTTP handlers with its WebSocket frame codec.
 * The connection handler first closes a connection that sends no CONNECT within the connect
 * timeout (HTTP upgrade and TLS handshake included), then enforces 1.5 times the keep alive; both
 * with a read deadline in the broker's {@link IdleSweep}, not a handler and timer per connection.
 * The auth handler checks the CONNECT's credentials and leaves once the client is in.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String CONNECTION_LIMITER = "connection-limiter";
    static final String ADDRESS_LIMITER = "address-limiter";
    static final String TLS = "tls";
    static final String TLS_IDENTITY = "tls-identity";
    static final String HTTP_CODEC = "http-codec";
    static final String HTTP_AGGREGATOR = "http-aggregator";
    static final String WEBSOCKET_GATE = "websocket-gate";
    static final String WEBSOCKET_PROTOCOL = "websocket-protocol";
    static final String WEBSOCKET_FRAMES = "websocket-frames";
    static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    static final String MQTT_ENCODER = "mqtt-encoder";
    static final String MQTT_DECODER = "mqtt-decoder";
    static final String MQTT_AUTH = "mqtt-auth";
    static final String MQTT_CONNECTION = "mqtt-connection";

    static final int MAX_UPGRADE_LINE = 4096;
    static final int MAX_UPGRADE_HEADERS = 8192;

    /** What a listener speaks under MQTT. */
    enum Kind {
        TCP("mqtt", false, false),
        TLS("mqtt over TLS", true, false),
        WEBSOCKET("mqtt over WebSocket", false, true),
        SECURE_WEBSOCKET("mqtt over secure WebSocket", true, true);

        final String description;
        final boolean tls;
        final boolean webSocket;

        Kind(String description, boolean tls, boolean webSocket) {
            this.description = description;
            this.tls = tls;
            this.webSocket = webSocket;
        }
    }

    private final BrokerConfig config;
    private final Broker broker;
    private final ConnectionLimiter limiter;
    private final AddressLimiter addressLimiter;
    private final Kind kind;
    private final ReloadingSslContext ssl;
    private final IdleSweep idleSweep;

    /**
     * @param addressLimiter per-address limits, shared by every listener of the broker; left out of
     *     the pipeline when it limits nothing
     */
    MqttChannelInitializer(BrokerConfig config, Broker broker, ConnectionLimiter limiter,
            AddressLimiter addressLimiter, Kind kind, ReloadingSslContext ssl, IdleSweep idleSweep) {
        if (kind.tls && ssl == null) {
            throw new IllegalArgumentException(kind.description + " needs an SSL context");
        }
        this.config = config;
        this.broker = broker;
        this.limiter = limiter;
        this.addressLimiter = addressLimiter;
        this.kind = kind;
        this.ssl = ssl;
        this.idleSweep = idleSweep;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(CONNECTION_LIMITER, limiter);
        if (addressLimiter.isActive()) {
            p.addLast(ADDRESS_LIMITER, addressLimiter);
        }
        if (kind.tls) {
            p.addLast(TLS, ssl.current().newHandler(ch.alloc()));
            p.addLast(TLS_IDENTITY, TlsIdentityHandler.of(config.listeners().useCnAsUsername()));
        }
        if (kind.webSocket) {
            p.addLast(HTTP_CODEC, new HttpServerCodec(MAX_UPGRADE_LINE, MAX_UPGRADE_HEADERS, MAX_UPGRADE_LINE));
            p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_UPGRADE_LINE));
            p.addLast(WEBSOCKET_GATE, new WebSocketUpgradeGate(Listeners.WEBSOCKET_PATH));
            p.addLast(WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(webSocketConfig()));
            p.addLast(WEBSOCKET_FRAMES, WebSocketFrameAdapter.INSTANCE);
        }
        p.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        p.addLast(MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(MQTT_DECODER, new MqttDecoder(config.maxPacketSize()));
        p.addLast(MQTT_AUTH, new MqttAuthHandler(broker.access()));
        p.addLast(MQTT_CONNECTION, new MqttConnectionHandler(broker, config, idleSweep));
    }

    private WebSocketServerProtocolConfig webSocketConfig() {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(Listeners.WEBSOCKET_PATH)
                .subprotocols(String.join(",", WebSocketUpgradeGate.SUBPROTOCOLS))
                .handshakeTimeoutMillis(config.connectTimeout().toMillis())
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxPacketSize())
                        .allowExtensions(false)
                        .build())
                .build();
    }
}
