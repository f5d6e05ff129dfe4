package dev.switchboard.mqtt.auth;

import dev.switchboard.mqtt.topic.TopicFilter;
import dev.switchboard.mqtt.topic.TopicName;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies the current {@link Acl} to the broker's clients. The broker registers a client id with its
 * verified user name (null: anonymous) when its session starts and unregisters it when the session
 * ends, so an offline session's queue is filtered by the same rules. A client's rules are compiled
 * once and again, lazily, after a reload. An unregistered client may do nothing when there is an
 * ACL. Thread-safe.
 */
public final class Authorizer {
    private static final class Client {
        final String user;
        volatile ClientAcl acl;

        Client(String user, ClientAcl acl) {
            this.user = user;
            this.acl = acl;
        }
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private volatile Acl acl;

    public Authorizer(Acl acl) {
        this.acl = acl;
    }

    public boolean allowsAll() {
        return acl.allowsAll();
    }

    void replace(Acl newAcl) {
        this.acl = newAcl;
    }

    public void register(String clientId, String user) {
        Acl current = acl;
        clients.put(clientId, new Client(user, current.forClient(user, clientId)));
    }

    public void unregister(String clientId) {
        clients.remove(clientId);
    }

    /** Whether the client may publish to {@code topic} (a valid topic name). */
    public boolean mayPublish(String clientId, String topic) {
        return acl.allowsAll() || rules(clientId).canWrite(TopicName.of(topic));
    }

    /** Whether a message on {@code topic} may be delivered to the client. */
    public boolean mayReceive(String clientId, String topic) {
        return acl.allowsAll() || rules(clientId).canRead(TopicName.of(topic));
    }

    /** Whether the client may subscribe to {@code filter} (valid; shared subscriptions are judged by their inner filter). */
    public boolean maySubscribe(String clientId, String filter) {
        return acl.allowsAll() || rules(clientId).canSubscribe(TopicFilter.of(filter));
    }

    private ClientAcl rules(String clientId) {
        Acl current = acl;
        Client client = clients.get(clientId);
        if (client == null) {
            return ClientAcl.compile(current, java.util.List.of(), null, clientId); // nothing allowed
        }
        ClientAcl rules = client.acl;
        if (rules.source() != current) {
            rules = current.forClient(client.user, clientId);
            client.acl = rules;
        }
        return rules;
    }
}
