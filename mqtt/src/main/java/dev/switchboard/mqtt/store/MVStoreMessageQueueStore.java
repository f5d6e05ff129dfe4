package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * {@link MessageQueueStore} in the store file: one map {@code queues} keyed by client id and a
 * 16-digit hexadecimal sequence, so a client's queue is one contiguous, ordered key range. The
 * tail is the range's last key, the length the difference of two key indexes: every operation is
 * O(log n) in the entries of all queues, and nothing of a queue is held in the heap.
 */
public final class MVStoreMessageQueueStore implements MessageQueueStore {
    private final StoreFile file;
    private final MVMap<String, byte[]> queues;

    public MVStoreMessageQueueStore(StoreFile file) {
        this.file = file;
        this.queues = file.map(StoreLayout.QUEUES);
    }

    @Override
    public long append(String clientId, Publish message, long expiresAtMillis) {
        String last = queues.lowerKey(ClientKey.end(clientId));
        long sequence = ClientKey.belongsTo(last, clientId) ? StoreLayout.sequence(last) + 1 : 0;
        String key = StoreLayout.sequenceKey(clientId, sequence);
        queues.put(key, MessageFormat.queued(key, message, expiresAtMillis));
        file.changed();
        return sequence;
    }

    @Override
    public List<QueuedMessage> peek(String clientId, int max) {
        List<QueuedMessage> out = new ArrayList<>(Math.min(max, 64));
        Cursor<String, byte[]> cursor = queues.cursor(ClientKey.first(clientId), ClientKey.end(clientId), false);
        while (out.size() < max && cursor.hasNext()) {
            String key = cursor.next();
            if (ClientKey.belongsTo(key, clientId)) {
                out.add(MessageFormat.readQueued(key, cursor.getValue()));
            }
        }
        return out;
    }

    @Override
    public boolean removeHead(String clientId) {
        String head = queues.ceilingKey(ClientKey.first(clientId));
        return file.changed(ClientKey.belongsTo(head, clientId) && queues.remove(head) != null);
    }

    @Override
    public boolean remove(String clientId, long sequence) {
        return file.changed(queues.remove(StoreLayout.sequenceKey(clientId, sequence)) != null);
    }

    @Override
    public long count(String clientId) {
        return insertionPoint(ClientKey.end(clientId)) - insertionPoint(ClientKey.first(clientId));
    }

    @Override
    public long payloadBytes(String clientId) {
        long[] bytes = {0};
        ClientKey.forEachIn(queues, clientId,
                (key, value) -> bytes[0] += MessageFormat.readQueued(key, value).message().payload().length);
        return bytes[0];
    }

    @Override
    public long dropAll(String clientId) {
        long dropped = 0;
        while (true) {
            String head = queues.ceilingKey(ClientKey.first(clientId));
            if (!ClientKey.belongsTo(head, clientId)) {
                file.changed();
                return dropped;
            }
            queues.remove(head);
            dropped++;
        }
    }

    @Override
    public long totalCount() {
        return StoreLayout.size(queues);
    }

    /** Index of the first key not below {@code key}. */
    private long insertionPoint(String key) {
        long index = queues.getKeyIndex(key);
        return index >= 0 ? index : -index - 1;
    }
}
