package dev.switchboard.mqtt.broker;

import java.util.concurrent.atomic.AtomicLong;

/** The broker's counters, for $SYS and the logs. Thread-safe. */
final class BrokerStats {
    private final AtomicLong clientsConnected = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong messagesDropped = new AtomicLong();

    void connected() {
        clientsConnected.incrementAndGet();
    }

    void disconnected() {
        clientsConnected.decrementAndGet();
    }

    void received(int payloadBytes) {
        messagesReceived.incrementAndGet();
        bytesReceived.addAndGet(payloadBytes);
    }

    void sent(int payloadBytes) {
        messagesSent.incrementAndGet();
        bytesSent.addAndGet(payloadBytes);
    }

    void dropped() {
        messagesDropped.incrementAndGet();
    }

    /** Messages not delivered because a session's queue was full (offline QoS 1/2, or QoS 0). */
    long messagesDropped() {
        return messagesDropped.get();
    }

    long clientsConnected() {
        return clientsConnected.get();
    }

    long messagesReceived() {
        return messagesReceived.get();
    }

    long messagesSent() {
        return messagesSent.get();
    }

    long bytesReceived() {
        return bytesReceived.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }
}
