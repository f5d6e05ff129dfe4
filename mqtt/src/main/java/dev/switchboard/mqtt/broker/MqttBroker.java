package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.auth.AccessControl;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.ConnectionLimiter;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker: MQTT 3.1, 3.1.1 and 5.0 on one listener. {@link #start} binds and returns;
 * {@link #close} stops it. Sessions live in memory in this version.
 */
public final class MqttBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Broker broker;
    private final AccessControl access;
    private final ConnectionLimiter limiter;
    private final Channel listener;
    private boolean closed;

    private MqttBroker(BrokerConfig config) {
        this.access = AccessControl.load(config.auth(), config.clock()); // a bad file stops the start here
        Transport transport = Transport.best();
        this.boss = transport.newGroup("mqtt-accept", 1);
        this.workers = transport.newGroup("mqtt-io", config.ioThreads());
        List<EventExecutor> lanes = new ArrayList<>();
        workers.iterator().forEachRemaining(lanes::add);
        TopicTreeIndex index = new TopicTreeIndex();
        this.broker = new Broker(config, index, index, lanes.toArray(EventExecutor[]::new), access);
        this.limiter = new ConnectionLimiter("mqtt", config.maxConnections());
        if (!config.sysInterval().isZero()) {
            SysTopics sys = new SysTopics(broker, config.clock(), version());
            long every = config.sysInterval().toMillis();
            workers.next().scheduleAtFixedRate(sys::publish, 0, every, TimeUnit.MILLISECONDS);
        }
        try {
            this.listener = TcpServer.bind(transport, boss, workers, new InetSocketAddress(config.bindHost(),
                    config.port()), new MqttChannelInitializer(config, broker, limiter));
        } catch (RuntimeException e) {
            access.close();
            shutdownGroups();
            throw e;
        }
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
        LOG.info("mqtt {}", broker.access.describe());
        return broker;
    }

    private static String version() {
        String version = MqttBroker.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
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
        shutdownGroups();
        access.close();
        LOG.info("mqtt on {} stopped", Addresses.format(localAddress()));
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
