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
        queue.pollFirst();
    }

    @Override
    public void add(Publish message, long expiresAtMillis) {
        queue.addLast(new QueuedMessage(nextSequence++, message, expiresAtMillis));
    }

    @Override
    public boolean dropOldestQos0() {
        Iterator<QueuedMessage> it = queue.iterator();
        while (it.hasNext()) {
            if (it.next().message().qos() == 0) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    @Override
    public void dropQos0() {
        queue.removeIf(q -> q.message().qos() == 0);
    }

    @Override
    public void clear() {
        queue.clear();
    }

    @Override
    public List<Publish> messages() {
        return queue.stream().map(QueuedMessage::message).toList();
    }
}
