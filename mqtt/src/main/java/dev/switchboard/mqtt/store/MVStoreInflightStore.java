package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.Publish;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;

/**
 * {@link InflightStore} in the store file: maps {@code inflight.outgoing} and
 * {@code inflight.awaiting}, keyed by client id and packet id. Each outgoing entry carries an order
 * number (one counter for the file, continued from the largest found on open), so resending
 * follows the original order even after packet ids wrap.
 */
public final class MVStoreInflightStore implements InflightStore {
    private final StoreFile file;
    private final MVMap<String, byte[]> outgoing;
    private final MVMap<String, byte[]> awaiting;
    private final AtomicLong order = new AtomicLong();

    public MVStoreInflightStore(StoreFile file) {
        this.file = file;
        this.outgoing = file.map(StoreLayout.OUTGOING);
        this.awaiting = file.map(StoreLayout.AWAITING);
        StoreLayout.forEach(outgoing,
                (key, value) -> order.accumulateAndGet(MessageFormat.readInflight(key, value).order() + 1, Math::max));
    }

    @Override
    public void putOutgoing(String clientId, int packetId, Publish message) {
        String key = StoreLayout.packetIdKey(clientId, packetId);
        outgoing.put(key, MessageFormat.inflight(key, order.getAndIncrement(), false, message));
        file.changed();
    }

    @Override
    public boolean markReleased(String clientId, int packetId) {
        String key = StoreLayout.packetIdKey(clientId, packetId);
        byte[] value = outgoing.get(key);
        if (value == null) {
            return false;
        }
        MessageFormat.Inflight entry = MessageFormat.readInflight(key, value);
        outgoing.put(key, MessageFormat.inflight(key, entry.order(), true, entry.entry().message()));
        return file.changed(true);
    }

    @Override
    public boolean removeOutgoing(String clientId, int packetId) {
        return file.changed(outgoing.remove(StoreLayout.packetIdKey(clientId, packetId)) != null);
    }

    @Override
    public List<InflightMessage> outgoing(String clientId) {
        List<MessageFormat.Inflight> entries = new ArrayList<>();
        ClientKey.forEachIn(outgoing, clientId,
                (key, value) -> entries.add(MessageFormat.readInflight(key, value)));
        entries.sort(Comparator.comparingLong(MessageFormat.Inflight::order));
        return entries.stream().map(MessageFormat.Inflight::entry).toList();
    }

    @Override
    public boolean addAwaitingRelease(String clientId, int packetId) {
        String key = StoreLayout.packetIdKey(clientId, packetId);
        return file.changed(awaiting.putIfAbsent(key, SessionFormat.awaiting(key)) == null);
    }

    @Override
    public boolean removeAwaitingRelease(String clientId, int packetId) {
        return file.changed(awaiting.remove(StoreLayout.packetIdKey(clientId, packetId)) != null);
    }

    @Override
    public Set<Integer> awaitingRelease(String clientId) {
        Set<Integer> ids = new HashSet<>();
        for (String key : ClientKey.keysIn(awaiting, clientId)) {
            ids.add(StoreLayout.packetId(key));
        }
        return Set.copyOf(ids);
    }

    @Override
    public void dropAll(String clientId) {
        ClientKey.keysIn(outgoing, clientId).forEach(outgoing::remove);
        ClientKey.keysIn(awaiting, clientId).forEach(awaiting::remove);
        file.changed();
    }
}
