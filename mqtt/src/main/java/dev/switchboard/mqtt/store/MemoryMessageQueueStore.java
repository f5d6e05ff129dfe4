package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link MessageQueueStore} on the heap: gone when the broker stops. */
public final class MemoryMessageQueueStore implements MessageQueueStore {
    private final Map<String, ConcurrentSkipListMap<Long, QueuedMessage>> queues = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    @Override
    public long append(String clientId, Publish message, long expiresAtMillis) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.computeIfAbsent(clientId,
                k -> new ConcurrentSkipListMap<>());
        long sequence = queue.isEmpty() ? 0 : queue.lastKey() + 1;
        queue.put(sequence, new QueuedMessage(sequence, message, expiresAtMillis));
        total.incrementAndGet();
        return sequence;
    }

    @Override
    public List<QueuedMessage> peek(String clientId, int max) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.get(clientId);
        List<QueuedMessage> out = new ArrayList<>();
        if (queue != null) {
            for (QueuedMessage m : queue.values()) {
                if (out.size() >= max) {
                    break;
                }
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public boolean removeHead(String clientId) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.get(clientId);
        if (queue == null || queue.pollFirstEntry() == null) {
            return false;
        }
        total.decrementAndGet();
        return true;
    }

    @Override
    public boolean remove(String clientId, long sequence) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.get(clientId);
        if (queue == null || queue.remove(sequence) == null) {
            return false;
        }
        total.decrementAndGet();
        return true;
    }

    @Override
    public long count(String clientId) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.get(clientId);
        return queue == null ? 0 : queue.size();
    }

    @Override
    public long payloadBytes(String clientId) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.get(clientId);
        return queue == null ? 0 : queue.values().stream().mapToLong(m -> m.message().payload().length).sum();
    }

    @Override
    public long dropAll(String clientId) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.remove(clientId);
        long n = queue == null ? 0 : queue.size();
        total.addAndGet(-n);
        return n;
    }

    @Override
    public long totalCount() {
        return total.get();
    }
}
