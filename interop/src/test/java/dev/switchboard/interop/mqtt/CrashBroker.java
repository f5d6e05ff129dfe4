package dev.switchboard.interop.mqtt;

import ch.qos.logback.classic.Level;
import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.broker.MqttBroker;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * The broker as {@code mqtt serve --port P --data-dir D --fsync always} starts it, in a process of
 * its own that {@link Mqtt10CrashTest} kills with SIGKILL. Arguments: port, data directory.
 * Prints {@value #READY} once it listens.
 */
public final class CrashBroker {
    static final String READY = "CRASH-BROKER-READY";

    private CrashBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.INFO);
        MqttBroker broker = MqttBroker.start(BrokerConfig.builder().port(Integer.parseInt(args[0]))
                .sysInterval(Duration.ZERO).maxQueuedMessages(1_000_000).ioThreads(2)
                .store(StoreConfig.builder().dataDir(Path.of(args[1])).durability(Durability.ALWAYS).build()).build());
        System.out.println(READY + " " + broker.localAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
