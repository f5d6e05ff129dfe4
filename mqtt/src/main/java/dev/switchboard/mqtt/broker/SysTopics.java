package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code $SYS/broker/...} topics, under Mosquitto's names for the common ones so that tools
 * written for Mosquitto read them: version, uptime, clients, messages, bytes, subscriptions,
 * retained messages and one-minute, five-minute and fifteen-minute load averages. Published
 * retained at QoS 0 every interval; a leading wildcard never matches them (MQTT-4.7.2-1).
 */
final class SysTopics {
    private final Broker broker;
    private final Clock clock;
    private final Instant started;
    private final String version;
    private final LoadAverage[] loads = {
        new LoadAverage("messages/received", Duration.ofMinutes(1)),
        new LoadAverage("messages/received", Duration.ofMinutes(5)),
        new LoadAverage("messages/received", Duration.ofMinutes(15)),
        new LoadAverage("messages/sent", Duration.ofMinutes(1)),
        new LoadAverage("messages/sent", Duration.ofMinutes(5)),
        new LoadAverage("messages/sent", Duration.ofMinutes(15)),
    };
    private Instant last;

    SysTopics(Broker broker, Clock clock, String version) {
        this.broker = broker;
        this.clock = clock;
        this.started = clock.instant();
        this.last = started;
        this.version = version;
    }

    /** The topics and their values now; advances the load averages. */
    Map<String, String> snapshot() {
        BrokerStats stats = broker.stats();
        Instant now = clock.instant();
        double elapsed = Math.max(0.001, Duration.between(last, now).toMillis() / 1000.0);
        last = now;
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("$SYS/broker/version", "switchboard " + version);
        topics.put("$SYS/broker/uptime", Duration.between(started, now).toSeconds() + " seconds");
        topics.put("$SYS/broker/clients/connected", Long.toString(stats.clientsConnected()));
        topics.put("$SYS/broker/clients/active", Long.toString(stats.clientsConnected()));
        topics.put("$SYS/broker/clients/total", Integer.toString(broker.sessionCount()));
        topics.put("$SYS/broker/clients/disconnected",
                Long.toString(Math.max(0, broker.sessionCount() - stats.clientsConnected())));
        topics.put("$SYS/broker/messages/received", Long.toString(stats.messagesReceived()));
        topics.put("$SYS/broker/messages/sent", Long.toString(stats.messagesSent()));
        topics.put("$SYS/broker/publish/messages/received", Long.toString(stats.messagesReceived()));
        topics.put("$SYS/broker/publish/messages/sent", Long.toString(stats.messagesSent()));
        topics.put("$SYS/broker/bytes/received", Long.toString(stats.bytesReceived()));
        topics.put("$SYS/broker/bytes/sent", Long.toString(stats.bytesSent()));
        topics.put("$SYS/broker/subscriptions/count", Integer.toString(broker.subscriptionCount()));
        topics.put("$SYS/broker/retained messages/count", Integer.toString(broker.retainedCount()));
        for (LoadAverage load : loads) {
            long total = load.counter.equals("messages/received") ? stats.messagesReceived() : stats.messagesSent();
            topics.put("$SYS/broker/load/" + load.counter + "/" + load.window.toMinutes() + "min",
                    String.format(java.util.Locale.ROOT, "%.2f", load.update(total, elapsed)));
        }
        return topics;
    }

    /** Publishes the current values, retained. */
    void publish() {
        for (Map.Entry<String, String> e : snapshot().entrySet()) {
            broker.publishInternal(Publish.of(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8), 0, true, 0));
        }
    }

    /** An exponentially weighted per-minute rate over a window, like Mosquitto's load figures. */
    private static final class LoadAverage {
        final String counter;
        final Duration window;
        private long lastTotal = -1;
        private double perMinute;

        LoadAverage(String counter, Duration window) {
            this.counter = counter;
            this.window = window;
        }

        double update(long total, double elapsedSeconds) {
            if (lastTotal >= 0) {
                double rate = (total - lastTotal) * 60.0 / elapsedSeconds;
                double weight = Math.exp(-elapsedSeconds / window.toSeconds());
                perMinute = perMinute * weight + rate * (1 - weight);
            }
            lastTotal = total;
            return perMinute;
        }
    }
}
