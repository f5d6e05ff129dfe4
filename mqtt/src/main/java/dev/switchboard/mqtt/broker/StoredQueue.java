package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.store.MessageQueueStore;
import dev.switchboard.mqtt.store.QueuedMessage;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A persistent session's queue in the {@link MessageQueueStore}: only a batch of the oldest
 * messages is read into the heap at a time, so a million queued messages never are. Appends go to
 * the store alone, unless the batch holds the whole queue. Confined to the session's lane, the
 * queue's only writer.
 */
final class StoredQueue implements SessionQueue {
    /** Messages read from the store at a time when the head is needed. */
    static final int BATCH = 100;

    private final MessageQueueStore store;
    private final String clientId;
    private final ArrayDeque<QueuedMessage> batch = new ArrayDeque<>();
    private long size;
    /** Payload bytes queued; {@link #UNKNOWN} for a queue read back at start until first asked. */
    private long bytes;
    private static final long UNKNOWN = -1;

    /** Counted from the store the first time it is needed, so a restart does not read every queue. */
    @Override
    public long bytes() {
        if (bytes == UNKNOWN) {
            bytes = store.payloadBytes(clientId);
        }
        return bytes;
    }

    StoredQueue(MessageQueueStore store, String clientId) {
        this.store = store;
        this.clientId = clientId;
        this.size = store.count(clientId);
        this.bytes = size == 0 ? 0 : UNKNOWN;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public QueuedMessage peek() {
        if (batch.isEmpty() && size > 0) {
            batch.addAll(store.peek(clientId, BATCH));
        }
        return batch.peekFirst();
    }

    @Override
    public void removeHead() {
        QueuedMessage head = peek();
        if (head == null) {
            return;
        }
        store.remove(clientId, head.sequence());
        batch.pollFirst();
        size--;
        if (bytes != UNKNOWN) {
            bytes = Math.max(0, bytes - head.message().payload().length);
        }
    }

    @Override
    public void add(Publish message, long expiresAtMillis) {
        long sequence = store.append(clientId, message, expiresAtMillis);
        if (!batch.isEmpty() && batch.size() == size) {
            batch.addLast(new QueuedMessage(sequence, message, expiresAtMillis));
        }
        size++;
        if (bytes != UNKNOWN) {
            bytes += message.payload().length;
        }
    }

    @Override
    public boolean dropOldestQos0() {
        return false;
    }

    @Override
    public void dropQos0() {
        // kept: MQTT allows queueing QoS 0 for an offline session, and finding them would read it all
    }

    @Override
    public void clear() {
        store.dropAll(clientId);
        batch.clear();
        size = 0;
        bytes = 0;
    }

    @Override
    public List<Publish> messages() {
        return store.peek(clientId, Integer.MAX_VALUE).stream().map(QueuedMessage::message).toList();
    }
}
