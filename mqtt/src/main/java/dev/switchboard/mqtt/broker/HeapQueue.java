package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.QueuedMessage;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/** A session's queue on the heap: sessions that end with their connection, and in-memory brokers. */
final class HeapQueue implements SessionQueue {
    /** Created by the first message queued: most sessions never queue. */
    private ArrayDeque<QueuedMessage> queue;
    private long nextSequence;
    private long bytes;

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public long size() {
        return queue == null ? 0 : queue.size();
    }

    @Override
    public QueuedMessage peek() {
        return queue == null ? null : queue.peekFirst();
    }

    @Override
    public void removeHead() {
        QueuedMessage head = queue == null ? null : queue.pollFirst();
        if (head != null) {
            bytes -= head.message().payload().length;
        }
    }

    @Override
    public void add(Publish message, long expiresAtMillis) {
        if (queue == null) {
            queue = new ArrayDeque<>(2);
        }
        queue.addLast(new QueuedMessage(nextSequence++, message, expiresAtMillis));
        bytes += message.payload().length;
    }

    @Override
    public boolean dropOldestQos0() {
        if (queue == null) {
            return false;
        }
        Iterator<QueuedMessage> it = queue.iterator();
        while (it.hasNext()) {
            QueuedMessage m = it.next();
            if (m.message().qos() == 0) {
                it.remove();
                bytes -= m.message().payload().length;
                return true;
            }
        }
        return false;
    }

    @Override
    public void dropQos0() {
        if (queue == null) {
            return;
        }
        queue.removeIf(q -> q.message().qos() == 0);
        bytes = queue.stream().mapToLong(q -> q.message().payload().length).sum();
    }

    @Override
    public void clear() {
        queue = null;
        bytes = 0;
    }

    @Override
    public List<Publish> messages() {
        return queue == null ? List.of() : queue.stream().map(QueuedMessage::message).toList();
    }
}
