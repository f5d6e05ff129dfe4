package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Packet;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUBACK, PUBREC and PUBCOMP packets of one session that wait until what they acknowledge is
 * on disk ({@code --fsync always}). They leave in the order their packets arrived
 * (MQTT-4.6.0-2/-3), each as soon as it and everything before it are ready. Confined to the
 * session's lane; bounded by the client's Receive Maximum and the socket read gate.
 */
final class PendingAcks {
    private static final Logger LOG = LoggerFactory.getLogger(PendingAcks.class);

    private static final class Entry {
        final ClientConnection connection;
        final Packet ack;
        boolean ready;
        Throwable failure;

        Entry(ClientConnection connection, Packet ack) {
            this.connection = connection;
            this.ack = ack;
        }
    }

    /** Created by the first acknowledgement that has to wait: without --fsync always none ever does. */
    private ArrayDeque<Entry> entries;

    /** Sends {@code ack} on {@code connection} once {@code ready} completes (continued on {@code lane}). */
    void add(ClientConnection connection, Packet ack, CompletionStage<?> ready, Executor lane) {
        Entry entry = new Entry(connection, ack);
        entries().addLast(entry);
        ready.whenComplete((v, e) -> lane.execute(() -> {
            entry.ready = true;
            entry.failure = e;
            flush();
        }));
    }

    /** Sends {@code ack} now, or after those waiting before it. */
    void addReady(ClientConnection connection, Packet ack) {
        if (waiting() == 0) {
            connection.send(ack);
            return;
        }
        Entry entry = new Entry(connection, ack);
        entry.ready = true;
        entries.addLast(entry);
    }

    int waiting() {
        return entries == null ? 0 : entries.size();
    }

    private ArrayDeque<Entry> entries() {
        if (entries == null) {
            entries = new ArrayDeque<>();
        }
        return entries;
    }

    private void flush() {
        while (!entries.isEmpty() && entries.peekFirst().ready) {
            Entry e = entries.pollFirst();
            if (e.failure != null) {
                // not on disk: no acknowledgement; the client sends the message again on its next connection
                LOG.error("store commit failed; closing {} without acknowledging: {}", e.connection.peer(),
                        e.failure.toString());
                e.connection.close();
            } else if (e.connection.isOpen()) {
                e.connection.send(e.ack);
            }
        }
    }
}
