package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.broker.MqttChannelInitializer.Kind;
import dev.switchboard.mqtt.websocket.WebSocketUpgradeGate;
import dev.switchboard.mqtt.auth.AccessControl;
import dev.switchboard.mqtt.store.BrokerStores;
import dev.switchboard.mqtt.store.StoredSession;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.AddressLimiter;
import dev.switchboard.transport.ConnectionLimiter;
import dev.switchboard.transport.IdleSweep;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.Transport;
import dev.switchboard.transport.tls.ReloadingSslContext;
import dev.switchboard.transport.tls.TlsFiles;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker: MQTT 3.1, 3.1.1 and 5.0 over TCP, and, when configured ({@link Listeners}),
 * over TLS, WebSocket and secure WebSocket, all into the same sessions. {@link #start} binds and
 * returns; {@link #close} stops it. Sessions, queues, inflight state and retained messages live
 * where {@link BrokerConfig#store()} says: on the heap, or in a store file read back at start.
 */
public final class MqttBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
    private static final Duration MAX_IDLE_SWEEP_PERIOD = Duration.ofMillis(500);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Broker broker;
    private final AccessControl access;
    private final ConnectionLimiter limiter;
    private final AddressLimiter addressLimiter;
    private final IdleSweep idleSweep;
    private final Channel listener;
    private final Map<Kind, Channel> extraListeners = new EnumMap<>(Kind.class);
    private final ReloadingSslContext ssl;
    private final BrokerStores stores;
    private boolean closed;

    private MqttBroker(BrokerConfig config) {
        this.access = AccessControl.load(config.auth(), config.clock()); // a bad file stops the start here
        try {
            // a damaged store file stops the start here: StoreCorruptedException names it and --recover
            this.stores = BrokerStores.open(config.store(), config.clock());
        } catch (RuntimeException e) {
            access.close();
            throw e;
        }
        Listeners listeners = config.listeners();
        this.ssl = listeners.tlsConfig().map(tls -> ReloadingSslContext.load("mqtt", tls)).orElse(null);
        Transport transport = Transport.best();
        this.boss = transport.newGroup("mqtt-accept", 1);
        this.workers = transport.newGroup("mqtt-io", config.ioThreads());
        List<EventExecutor> lanes = new ArrayList<>();
        workers.iterator().forEachRemaining(lanes::add);
        TopicTreeIndex index = new TopicTreeIndex(config.clock());
        BrokerPersistence persistence = new BrokerPersistence(stores, config.store().durability(), config.clock());
        this.broker = new Broker(config, index, persistence.retained(index), lanes.toArray(EventExecutor[]::new),
                access, persistence);
        try {
            restore(persistence, index);
        } catch (RuntimeException e) {
            access.close();
            shutdownGroups();
            stores.close();
            throw e;
        }
        this.limiter = new ConnectionLimiter("mqtt", config.maxConnections());
        this.idleSweep = new IdleSweep(config.clock(), idleSweepPeriod(config));
        this.addressLimiter = new AddressLimiter("mqtt", config.limits().maxConnectionsPerAddress(),
                config.limits().maxConnectRatePerAddress(), Math.max(10_000, 2 * config.maxConnections()), config.clock());
        if (!config.sysInterval().isZero()) {
            SysTopics sys = new SysTopics(broker, config.clock(), version());
            long every = config.sysInterval().toMillis();
            workers.next().scheduleAtFixedRate(sys::publish, 0, every, TimeUnit.MILLISECONDS);
        }
        try {
            this.listener = TcpServer.bind(transport, boss, workers, new InetSocketAddress(config.bindHost(),
                    config.port()), new MqttChannelInitializer(config, broker, limiter, addressLimiter, Kind.TCP, null, idleSweep));
            if (listeners.tlsListener()) {
                bind(transport, config, Kind.TLS, listeners.tlsPort());
            }
            if (listeners.webSocketPort() != Listeners.OFF) {
                bind(transport, config, Kind.WEBSOCKET, listeners.webSocketPort());
            }
            if (listeners.secureWebSocketPort() != Listeners.OFF) {
                bind(transport, config, Kind.SECURE_WEBSOCKET, listeners.secureWebSocketPort());
            }
        } catch (RuntimeException e) {
            closeListeners();
            access.close();
            shutdownGroups();
            stores.close();
            throw e;
        }
        if (ssl != null) {
            ssl.watch(listeners.tlsFileCheck());
        }
    }

    /** Reads sessions, subscriptions, queues' positions, inflight state and retained messages back. */
    private void restore(BrokerPersistence persistence, TopicTreeIndex index) {
        if (!persistence.isFile()) {
            return;
        }
        long started = System.nanoTime();
        long retained = persistence.restoreRetained(index);
        List<StoredSession> stored = new ArrayList<>();
        persistence.sessions().forEach(stored::add);
        long expired = stored.stream().filter(s -> !broker.restore(s)).count();
        LOG.info("store {} loaded in {} ms: {} sessions ({} more had expired), {} subscriptions, {} queued messages,"
                + " {} retained", stores.file().orElseThrow().path(), (System.nanoTime() - started) / 1_000_000,
                stored.size() - expired, expired, broker.subscriptionCount(), stores.queues().totalCount(), retained);
    }

    /**
     * Read timeouts are checked twice a second (a keep alive is closed at most a second late), or
     * more often for a connect timeout under a second.
     */
    static Duration idleSweepPeriod(BrokerConfig config) {
        long halfConnectTimeout = Math.max(1, config.connectTimeout().toMillis() / 2);
        return Duration.ofMillis(Math.min(MAX_IDLE_SWEEP_PERIOD.toMillis(), halfConnectTimeout));
    }

    private void bind(Transport transport, BrokerConfig config, Kind kind, int port) {
        extraListeners.put(kind, TcpServer.bind(transport, boss, workers,
                new InetSocketAddress(config.bindHost(), port),
                new MqttChannelInitializer(config, broker, limiter, addressLimiter, kind, ssl, idleSweep)));
    }

    /**
     * Binds and starts the broker.
     *
     * @throws TcpServer.ListenException when the address cannot be bound
     * @throws dev.switchboard.mqtt.auth.AuthFileException when the password or ACL file cannot be read or parsed
     */
    public static MqttBroker start(BrokerConfig config) {
        MqttBroker broker = new MqttBroker(config);
        LOG.info("mqtt listening on {} (MQTT 3.1, 3.1.1 and 5.0)", Addresses.format(broker.localAddress()));
        broker.extraListeners.forEach((kind, channel) -> LOG.info("{} listening on {} ({})", kind.description,
                where(kind, channel), broker.describe(kind, config.listeners())));
        LOG.info("mqtt {}", broker.access.describe());
        return broker;
    }

    private static String where(Kind kind, Channel channel) {
        String address = Addresses.format(channel.localAddress());
        return switch (kind) {
            case WEBSOCKET -> "ws://" + address + Listeners.WEBSOCKET_PATH;
            case SECURE_WEBSOCKET -> "wss://" + address + Listeners.WEBSOCKET_PATH;
            default -> address;
        };
    }

    private String describe(Kind kind, Listeners listeners) {
        String subprotocols = "subprotocols " + String.join(", ", WebSocketUpgradeGate.SUBPROTOCOLS);
        if (!kind.tls) {
            return subprotocols;
        }
        X509Certificate certificate = ssl.certificate();
        String clients = listeners.tls().requireClientCert() ? "client certificates required"
                : listeners.tls().caFile() != null ? "client certificates checked when shown" : "no client certificates";
        String tls = String.join(", ", TlsFiles.PROTOCOLS) + "; " + certificate.getSubjectX500Principal().getName()
                + ", serial " + certificate.getSerialNumber() + "; " + clients
                + (listeners.useCnAsUsername() ? ", CN is the username" : "");
        return kind.webSocket ? subprotocols + "; " + tls : tls;
    }

    private static String version() {
        String version = MqttBroker.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Where MQTT over TLS listens, if it does. */
    public Optional<InetSocketAddress> tlsAddress() {
        return address(Kind.TLS);
    }

    /** Where MQTT over WebSocket listens (path {@value Listeners#WEBSOCKET_PATH}), if it does. */
    public Optional<InetSocketAddress> webSocketAddress() {
        return address(Kind.WEBSOCKET);
    }

    /** Where MQTT over secure WebSocket listens (path {@value Listeners#WEBSOCKET_PATH}), if it does. */
    public Optional<InetSocketAddress> secureWebSocketAddress() {
        return address(Kind.SECURE_WEBSOCKET);
    }

    private Optional<InetSocketAddress> address(Kind kind) {
        return Optional.ofNullable(extraListeners.get(kind)).map(c -> (InetSocketAddress) c.localAddress());
    }

    /**
     * Reads the certificate, key and CA files again (as SIGHUP does). New TLS handshakes use
     * them; established connections are not touched. A reload that fails keeps the previous
     * files in use and logs why.
     *
     * @return whether the new files were taken
     * @throws IllegalStateException when the broker has no TLS configured
     */
    public boolean reloadTls() {
        if (ssl == null) {
            throw new IllegalStateException("mqtt has no TLS configured (--cert, --key); nothing to reload");
        }
        return ssl.reload();
    }

    /**
     * Reads the password and ACL files again (what SIGHUP does); connections and sessions stay, and
     * the new rules apply from the next check. A file that fails to parse leaves the old rules in
     * place and is logged with file and line. Returns whether the new files were taken.
     */
    public boolean reloadAuth() {
        return access.reload();
    }

    public int openConnections() {
        return limiter.openConnections();
    }

    /** Sessions held, online or not. */
    public int sessions() {
        return broker.sessionCount();
    }

    /** Subscriptions held, one per client and topic filter, for online and offline sessions alike. */
    public int subscriptions() {
        return broker.subscriptionCount();
    }

    /** Messages dropped because a session's queue was full; never a QoS 1 or 2 message to an online client. */
    public long droppedMessages() {
        return broker.stats().messagesDropped();
    }

    /** For tests: true when the client is online and its connection is read on the client's lane. */
    boolean servedOnItsLane(String clientId) {
        return broker.connectionLoop(clientId).join() == broker.lane(clientId);
    }

    public int retainedMessages() {
        return broker.retainedCount();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().syncUninterruptibly();
        closeListeners();
        try {
            broker.disconnectAll().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("not every client was told of the shutdown: {}", e.toString());
        }
        shutdownGroups();
        access.close();
        stores.close();
        LOG.info("mqtt on {} stopped", Addresses.format(localAddress()));
    }

    private void closeListeners() {
        extraListeners.values().forEach(c -> c.close().syncUninterruptibly());
        if (ssl != null) {
            ssl.close();
        }
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
