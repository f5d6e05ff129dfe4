package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link InflightStore} on the heap: gone when the broker stops. */
public final class MemoryInflightStore implements InflightStore {
    private final Map<String, Map<Integer, InflightMessage>> outgoing = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> awaiting = new ConcurrentHashMap<>();

    @Override
    public void putOutgoing(String clientId, int packetId, Publish message) {
        InflightMessage entry = new InflightMessage(packetId, message, false);
        Map<Integer, InflightMessage> of = outgoing.computeIfAbsent(clientId, k -> new LinkedHashMap<>());
        synchronized (of) {
            of.remove(packetId); // a reused id goes to the end, as in the file store
            of.put(packetId, entry);
        }
    }

    @Override
    public boolean markReleased(String clientId, int packetId) {
        Map<Integer, InflightMessage> of = outgoing.get(clientId);
        if (of == null) {
            return false;
        }
        synchronized (of) {
            return of.computeIfPresent(packetId, (id, e) -> new InflightMessage(id, e.message(), true)) != null;
        }
    }

    @Override
    public boolean removeOutgoing(String clientId, int packetId) {
        Map<Integer, InflightMessage> of = outgoing.get(clientId);
        if (of == null) {
            return false;
        }
        synchronized (of) {
            return of.remove(packetId) != null;
        }
    }

    @Override
    public List<InflightMessage> outgoing(String clientId) {
        Map<Integer, InflightMessage> of = outgoing.get(clientId);
        if (of == null) {
            return List.of();
        }
        synchronized (of) {
            return List.copyOf(of.values());
        }
    }

    @Override
    public boolean addAwaitingRelease(String clientId, int packetId) {
        PacketIds.check(packetId);
        return awaiting.computeIfAbsent(clientId, k -> ConcurrentHashMap.newKeySet()).add(packetId);
    }

    @Override
    public boolean removeAwaitingRelease(String clientId, int packetId) {
        Set<Integer> of = awaiting.get(clientId);
        return of != null && of.remove(packetId);
    }

    @Override
    public Set<Integer> awaitingRelease(String clientId) {
        Set<Integer> of = awaiting.get(clientId);
        return of == null ? Set.of() : Set.copyOf(of);
    }

    @Override
    public void dropAll(String clientId) {
        outgoing.remove(clientId);
        awaiting.remove(clientId);
    }
}
