package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.QueuedMessage;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/** A session's queue on the heap: sessions that end with their connection, and in-memory brokers. */
final class HeapQueue implements SessionQueue {
    private final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>(2); // small: most sessions never queue
    private long nextSequence;
    private long bytes;

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public QueuedMessage peek() {
        return queue.peekFirst();
    }

    @Override
    public void removeHead() {
        QueuedMessage head = queue.pollFirst();
        if (head != null) {
            bytes -= head.message().payload().length;
        }
    }

    @Override
    public void add(Publish message, long expiresAtMillis) {
        queue.addLast(new QueuedMessage(nextSequence++, message, expiresAtMillis));
        bytes += message.payload().length;
    }

    @Override
    public boolean dropOldestQos0() {
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
        queue.removeIf(q -> q.message().qos() == 0);
        bytes = queue.stream().mapToLong(q -> q.message().payload().length).sum();
    }

    @Override
    public void clear() {
        queue.clear();
        bytes = 0;
    }

    @Override
    public List<Publish> messages() {
        return queue.stream().map(QueuedMessage::message).toList();
    }
}
