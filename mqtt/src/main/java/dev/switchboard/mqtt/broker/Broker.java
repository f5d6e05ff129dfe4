package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.auth.AccessControl;
import dev.switchboard.mqtt.auth.Authorizer;
import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.PubAck;
import dev.switchboard.mqtt.packet.PubComp;
import dev.switchboard.mqtt.packet.PubRec;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.ReasonCodes;
import dev.switchboard.mqtt.packet.SubAck;
import dev.switchboard.mqtt.packet.Subscribe;
import dev.switchboard.mqtt.packet.Subscription;
import dev.switchboard.mqtt.packet.UnsubAck;
import dev.switchboard.mqtt.packet.Unsubscribe;
import dev.switchboard.mqtt.packet.Will;
import dev.switchboard.mqtt.store.StoredSession;
import dev.switchboard.mqtt.store.StoredSubscription;
import dev.switchboard.mqtt.topic.TopicFilter;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's rules, above the wire: sessions, routing, acknowledgement flows, retained
 * messages and wills. Single writer per client id: everything that changes one client's session
 * runs on that client's lane, an event executor picked by the id's hash, so sessions need no locks
 * (HiveMQ's SingleWriterService, in miniature).
 */
final class Broker {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final Subscriptions subscriptions;
    private final RetainedMessages retained;
    private final EventExecutor[] lanes;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> delayedWills = new ConcurrentHashMap<>();
    private final BrokerStats stats = new BrokerStats();
    private final AccessControl access;
    private final Authorizer acl;
    private final BrokerPersistence persistence;
    private final LimitLog limitLog;

    Broker(BrokerConfig config, Subscriptions subscriptions, RetainedMessages retained, EventExecutor[] lanes) {
        this(config, subscriptions, retained, lanes, AccessControl.load(config.auth(), config.clock()));
    }

    Broker(BrokerConfig config, Subscriptions subscriptions, RetainedMessages retained, EventExecutor[] lanes,
            AccessControl access) {
        this(config, subscriptions, retained, lanes, access, BrokerPersistence.inMemory(config.clock()));
    }

    Broker(BrokerConfig config, Subscriptions subscriptions, RetainedMessages retained, EventExecutor[] lanes,
            AccessControl access, BrokerPersistence persistence) {
        this.persistence = persistence;
        this.access = access;
        this.acl = access.authorizer();
        this.config = config;
        this.subscriptions = subscriptions;
        this.retained = retained;
        this.lanes = lanes;
        this.limitLog = new LimitLog(java.time.Clock.systemUTC());
    }

    /** Where limits being hit are logged. */
    LimitLog limitLog() {
        return limitLog;
    }

    AccessControl access() {
        return access;
    }

    BrokerStats stats() {
        return stats;
    }

    int sessionCount() {
        return sessions.size();
    }

    int subscriptionCount() {
        return subscriptions.count();
    }

    int retainedCount() {
        return retained.countRetained();
    }

    /** Publishes a message of the broker's own ($SYS): retained, from no client. */
    void publishInternal(Publish publish) {
        route("", null, publish, null);
    }

    EventExecutor lane(String clientId) {
        return lanes[Math.floorMod(clientId.hashCode(), lanes.length)];
    }

    /** For tests: the event loop {@code clientId}'s connection is on, asked on its lane; null when it is offline. */
    CompletableFuture<EventExecutor> connectionLoop(String clientId) {
        CompletableFuture<EventExecutor> loop = new CompletableFuture<>();
        onLane(clientId, () -> {
            Session session = sessions.get(clientId);
            loop.complete(session != null && session.connection() instanceof ChannelConnection c
                    ? c.channel().eventLoop() : null);
        });
        return loop;
    }

    private void onLane(String clientId, Runnable task) {
        EventExecutor lane = lane(clientId);
        if (lane.inEventLoop()) {
            task.run();
            return;
        }
        try {
            lane.execute(task);
        } catch (RejectedExecutionException e) {
            if (!lane.isShuttingDown()) {
                throw e;
            }
            // The broker is stopping: loops close their channels while other lanes have already
            // ended. Sessions live in memory and go with the broker, so the work is dropped.
            LOG.debug("broker stopping: dropped work for client {}", clientId);
        }
    }

    /** A CONNECT that passed the connection's checks: take over, resume or create the session. */
    void connect(Connect connect, ClientConnection connection, String assignedClientId) {
        String clientId = connect.clientId().isEmpty() ? assignedClientId : connect.clientId();
        onLane(clientId, () -> {
            cancel(expiries.remove(clientId));
            cancel(delayedWills.remove(clientId));
            Session existing = sessions.get(clientId);
            // A session with expiry 0 (3.1.1: clean session) ends with its network connection, and a
            // takeover closes that: such a session is not resumed (as Mosquitto's handle_connect.c).
            boolean present = existing != null && !connect.cleanStart() && existing.expiryIntervalSeconds() > 0;
            if (existing != null && existing.isOnline()) {
                ClientConnection old = existing.connection();
                LOG.info("client {} taken over by {}; closing {}", clientId, connection.peer(), old.peer());
                // MQTT 5 3.1.2.5: a will waits for its delay or the session's end; the session going on
                // with this connection before the delay ran out means it is never sent (MQTT-3.1.3-9)
                boolean delayed = existing.will().map(w -> w.delayIntervalSeconds() > 0).orElse(false);
                if (present && delayed) {
                    existing.clearWill();
                } else {
                    publishWill(clientId, existing);
                }
                existing.detach();
                old.disconnect(ReasonCodes.SESSION_TAKEN_OVER, "another connection with the same client id");
            }
            Session session;
            if (present) {
                session = existing;
            } else {
                if (existing != null) {
                    subscriptions.removeClient(clientId);
                }
                persistence.forget(clientId);
                session = newSession(clientId, connect.sessionExpiryIntervalSeconds() > 0);
                sessions.put(clientId, session);
            }
            acl.register(clientId, connect.username()); // verified by MqttAuthHandler, or null
            ConnAck ack = ConnAck.accepted(present);
            if (connect.version().isMqtt5()) {
                ack = new ConnAck(present, ReasonCodes.SUCCESS, null,
                        connect.clientId().isEmpty() ? clientId : null,
                        keepAliveOverride(connect), OptionalInt.of(config.receiveMaximum()),
                        config.topicAliasMaximum() > 0 ? OptionalInt.of(config.topicAliasMaximum()) : OptionalInt.empty(),
                        java.util.OptionalLong.empty(), java.util.OptionalLong.of(config.maxPacketSize()));
            }
            connection.send(ack);
            session.attach(connection, connect);
            persistence.saveSession(session, OptionalLong.empty());
            stats.connected();
            LOG.debug("client {} connected from {} (session present: {})", clientId, connection.peer(), present);
        });
    }

    private Session newSession(String clientId, boolean persistent) {
        return new Session(clientId, config.maxQueuedMessages(), config.limits().maxQueuedBytes(),
                config.maxInflight(), config.clock(),
                persistence.forSession(clientId, persistent, task -> onLane(clientId, task)));
    }

    /**
     * At start, before any client connects: a session read back from the store, offline, with its
     * subscriptions, queue and inflight state. Its expiry and will delay count from when its client
     * left, or from now when the broker stopped while it was online. Returns false when it had
     * expired while the broker was down (its will is published, its state removed).
     */
    boolean restore(StoredSession stored) {
        String clientId = stored.clientId();
        long now = config.clock().millis();
        Session session = newSession(clientId, true);
        session.restoreRecord(stored.expiryIntervalSeconds(), stored.will(), stored.username(),
                stored.disconnectedAtMillis().orElse(now));
        session.restore(persistence.inflight().outgoing(clientId), persistence.inflight().awaitingRelease(clientId));
        sessions.put(clientId, session);
        acl.register(clientId, stored.username().orElse(null)); // its queue is filtered by its user's rules
        for (StoredSubscription s : persistence.sessions().subscriptions(clientId)) {
            subscriptions.subscribe(clientId, BrokerPersistence.subscription(s), s.options().subscriptionIdentifier());
        }
        long awaySeconds = Math.max(0, now - session.detachedAtMillis()) / 1000;
        long expiry = stored.expiryIntervalSeconds();
        if (expiry != Connect.NEVER_EXPIRES && awaySeconds >= expiry) {
            endSession(session);
            return false;
        }
        scheduleWill(session, awaySeconds);
        if (expiry != Connect.NEVER_EXPIRES) {
            scheduleExpiry(session, expiry - awaySeconds);
        }
        return true;
    }

    private OptionalInt keepAliveOverride(Connect connect) {
        int max = config.maxKeepAliveSeconds();
        if (max > 0 && (connect.keepAliveSeconds() == 0 || connect.keepAliveSeconds() > max)) {
            return OptionalInt.of(max);
        }
        return OptionalInt.empty();
    }

    /** A packet from a connected client, in the order received. */
    void packet(String clientId, ClientConnection connection, Packet packet) {
        onLane(clientId, () -> {
            try {
                Session session = sessions.get(clientId);
                if (session == null || session.connection() != connection) {
                    return; // taken over or gone: the old connection's stragglers are ignored
                }
                handle(session, connection, packet);
            } finally {
                connection.processed();
            }
        });
    }

    private void handle(Session session, ClientConnection connection, Packet packet) {
        if (packet instanceof Publish publish) {
            onPublish(session, connection, publish);
        } else if (packet instanceof PubAck ack) {
            session.acknowledged(ack.packetId());
        } else if (packet instanceof PubRec rec) {
            if (session.received(rec.packetId())) {
                session.sendDurably(PubRel.success(rec.packetId())); // no PUBLISH again after a crash
            } else if (!ReasonCodes.isFailure(rec.reasonCode())) {
                connection.send(new PubRel(rec.packetId(), ReasonCodes.PACKET_IDENTIFIER_NOT_FOUND, null));
            } else {
                session.acknowledged(rec.packetId());
            }
        } else if (packet instanceof PubComp comp) {
            session.acknowledged(comp.packetId());
        } else if (packet instanceof PubRel rel) {
            boolean known = session.released(rel.packetId());
            // after PUBCOMP the client may use the id again: its release must be stored first
            acknowledge(session, connection, new PubComp(rel.packetId(),
                    known ? ReasonCodes.SUCCESS : ReasonCodes.PACKET_IDENTIFIER_NOT_FOUND, null), null);
        } else if (packet instanceof Subscribe subscribe) {
            onSubscribe(session, connection, subscribe);
        } else if (packet instanceof Disconnect disconnect) {
            if (disconnect.reasonCode() != ReasonCodes.DISCONNECT_WITH_WILL) {
                session.clearWill();
            }
            disconnect.sessionExpiryIntervalSeconds().ifPresent(session::expiryIntervalSeconds);
            connection.close();
        } else if (packet instanceof Unsubscribe unsubscribe) {
            List<Integer> codes = new ArrayList<>();
            for (String filter : unsubscribe.filters()) {
                boolean existed = subscriptions.unsubscribe(session.clientId(), filter);
                if (existed) {
                    persistence.unsubscribed(session, filter);
                }
                codes.add(existed ? ReasonCodes.SUCCESS : ReasonCodes.NO_SUBSCRIPTION_EXISTED);
            }
            connection.send(new UnsubAck(unsubscribe.packetId(), codes, null));
        }
    }

    private void onPublish(Session session, ClientConnection connection, Publish publish) {
        stats.received(publish.payload().length);
        if (!acl.mayPublish(session.clientId(), publish.topic())) {
            deniedPublish(session, connection, publish);
            return;
        }
        switch (publish.qos()) {
            case 0 -> route(session.clientId(), connection, publish, null);
            case 1 -> {
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                int matched = route(session.clientId(), connection, publish, writes);
                acknowledge(session, connection, new PubAck(publish.packetId(), matched == 0
                        && connection.version().isMqtt5() ? ReasonCodes.NO_MATCHING_SUBSCRIBERS : ReasonCodes.SUCCESS,
                        null), writes);
            }
            default -> {
                int matched = 0;
                if (connection.version().isMqtt5() && session.awaitingReleaseCount() >= config.receiveMaximum()
                        && !session.isAwaitingRelease(publish.packetId())) {
                    // MQTT-3.3.4-9: more unacknowledged QoS 2 publishes than the Receive Maximum we sent
                    // (a 3.1.1 client was never told one; its packet ids bound it to 65,535)
                    LOG.info("client {} exceeded the receive maximum of {}", session.clientId(),
                            config.receiveMaximum());
                    connection.disconnect(ReasonCodes.RECEIVE_MAXIMUM_EXCEEDED,
                            "more than " + config.receiveMaximum() + " QoS 2 messages awaiting PUBREL");
                    return;
                }
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                if (session.firstReceipt(publish.packetId())) {
                    matched = route(session.clientId(), connection, publish, writes);
                }
                acknowledge(session, connection, new PubRec(publish.packetId(), matched == 0
                        && connection.version().isMqtt5() && !publish.dup() ? ReasonCodes.NO_MATCHING_SUBSCRIBERS
                        : ReasonCodes.SUCCESS, null), writes);
            }
        }
    }

    /**
     * Sends a PUBACK, PUBREC or PUBCOMP in the order the packets came: with {@code --fsync always}
     * once {@code writes} (the copies routed to subscribers' lanes, null for none) and everything
     * this lane wrote are on disk, so an acknowledged message survives a crash.
     */
    private void acknowledge(Session session, ClientConnection connection, Packet ack,
            List<CompletableFuture<Void>> writes) {
        if (persistence.waitsForDisk()) {
            session.acks().add(connection, ack, persistence.durableAfter(writes == null ? List.of() : writes),
                    task -> onLane(session.clientId(), task));
        } else {
            session.acknowledgeReady(connection, ack);
        }
    }

    /** ACL refused: MQTT 5 is told 0x87; 3.1.1 is acknowledged as usual (it has no way to hear no). Not routed. */
    private void deniedPublish(Session session, ClientConnection connection, Publish publish) {
        LOG.info("client {} at {} may not publish to '{}': dropped", session.clientId(), connection.peer(),
                publish.topic());
        boolean v5 = connection.version().isMqtt5();
        if (publish.qos() == 1) {
            acknowledge(session, connection, new PubAck(publish.packetId(),
                    v5 ? ReasonCodes.NOT_AUTHORIZED : ReasonCodes.SUCCESS, null), null);
        } else if (publish.qos() == 2) {
            if (!v5) {
                session.firstReceipt(publish.packetId()); // so that its PUBREL completes
            }
            acknowledge(session, connection, new PubRec(publish.packetId(),
                    v5 ? ReasonCodes.NOT_AUTHORIZED : ReasonCodes.SUCCESS, null), null);
        }
    }

    /**
     * Routes one message to every matching session; returns how many clients it went to. A
     * {@code publisher} (null for the broker's own messages and wills) that sends to a congested
     * subscriber is held until that subscriber catches up: back-pressure instead of loss. Each copy
     * handed to a subscriber's lane adds to {@code writes} (when not null) a future completed once
     * that lane has queued or sent it, and so written it to the store.
     */
    int route(String publisherId, ClientConnection publisher, Publish publish, List<CompletableFuture<Void>> writes) {
        if (publish.retain()) {
            retained.retain(publish);
        }
        List<Subscriptions.Target> targets = subscriptions.match(publish.topic(), publisherId, publish.qos(),
                publish.retain());
        for (Subscriptions.Target target : targets) {
            if (!acl.mayReceive(target.clientId(), publish.topic())) {
                continue;
            }
            Publish outgoing = publish.withDelivery(target.qos(), 0, target.retain(), false,
                    target.subscriptionIdentifiers());
            if (publisher != null) {
                Session subscriber = sessions.get(target.clientId());
                if (subscriber != null && subscriber.isCongested() && subscriber.connection() != publisher) {
                    limitLog.hit(LimitLog.Limit.QUEUE_FULL, "client {}: queue full ({} messages, {} bytes; limits {} (--max-queued-messages), {}"
                            + " (--max-queued-bytes)), holding publisher {} until it catches up", subscriber.clientId(),
                            subscriber.queued(), subscriber.queuedBytes(), config.maxQueuedMessages(),
                            config.limits().maxQueuedBytes(), publisher.peer());
                    subscriber.holdPublisher(publisher);
                }
            }
            CompletableFuture<Void> written = writes != null && persistence.waitsForDisk()
                    ? new CompletableFuture<>() : null;
            if (written != null) {
                writes.add(written);
            }
            onLane(target.clientId(), () -> {
                Session session = sessions.get(target.clientId());
                try {
                    deliver(session, outgoing);
                } finally {
                    if (written != null) {
                        written.complete(null);
                    }
                }
            });
        }
        return targets.size();
    }

    private void deliver(Session session, Publish outgoing) {
        if (session == null) {
            return;
        }
        long droppedBefore = session.dropped();
        session.deliver(outgoing);
        if (session.dropped() != droppedBefore) {
            stats.dropped();
            limitLog.hit(LimitLog.Limit.QUEUE_DROP, "client {}: queue full ({} messages, {} bytes{}; limits {}"
                    + " (--max-queued-messages), {} (--max-queued-bytes)), message dropped", session.clientId(),
                    session.queued(), session.queuedBytes(), session.isOnline() ? "" : ", offline",
                    config.maxQueuedMessages(), config.limits().maxQueuedBytes());
        } else {
            stats.sent(outgoing.payload().length);
        }
    }

    private void onSubscribe(Session session, ClientConnection connection, Subscribe subscribe) {
        List<Integer> codes = new ArrayList<>();
        List<Subscription> accepted = new ArrayList<>();
        List<Boolean> existed = new ArrayList<>();
        java.util.Set<String> held = new java.util.HashSet<>(subscriptions.filtersOf(session.clientId()));
        boolean v5 = connection.version().isMqtt5();
        for (Subscription s : subscribe.subscriptions()) {
            var filter = TopicFilter.parse(s.filter());
            if (filter.isValid() && s.noLocal() && filter.orElseThrow().isShared()) {
                // MQTT-3.8.3-4: No Local on a shared subscription is a Protocol Error
                LOG.info("client {}: No Local set on shared subscription {}; disconnecting", session.clientId(),
                        s.filter());
                connection.disconnect(ReasonCodes.PROTOCOL_ERROR, "No Local on a shared subscription");
                return;
            }
            if (!filter.isValid()) {
                codes.add(v5 ? ReasonCodes.TOPIC_FILTER_INVALID : 0x80);
                continue;
            }
            String tooLong = config.limits().topicProblem(s.filter());
            if (tooLong != null) {
                limitLog.hit(LimitLog.Limit.TOPIC, "client {} at {}: subscription refused: {}", session.clientId(),
                        connection.peer(), tooLong);
                codes.add(v5 ? ReasonCodes.TOPIC_FILTER_INVALID : 0x80);
                continue;
            }
            int quota = config.limits().maxSubscriptionsPerClient();
            if (quota > 0 && held.size() >= quota && !held.contains(s.filter())) {
                limitLog.hit(LimitLog.Limit.SUBSCRIPTIONS, "client {} at {}: subscription to '{}' refused: {} subscriptions held,"
                        + " limit is {} (--max-subscriptions-per-client)", session.clientId(), connection.peer(),
                        s.filter(), held.size(), quota);
                codes.add(v5 ? ReasonCodes.QUOTA_EXCEEDED : 0x80);
                continue;
            }
            if (!acl.maySubscribe(session.clientId(), s.filter())) {
                LOG.info("client {} at {} may not subscribe to '{}'", session.clientId(), connection.peer(), s.filter());
                codes.add(ReasonCodes.NOT_AUTHORIZED); // 0x80 for 3.1.1
                continue;
            }
            int qos = Math.min(2, s.qos());
            existed.add(subscriptions.subscribe(session.clientId(), s, subscribe.subscriptionIdentifier()));
            persistence.subscribed(session, s, subscribe.subscriptionIdentifier());
            held.add(s.filter());
            accepted.add(s);
            codes.add(qos);
        }
        connection.send(new SubAck(subscribe.packetId(), codes, null));
        for (int i = 0; i < accepted.size(); i++) {
            Subscription s = accepted.get(i);
            if (s.retainHandling() == 2 || (s.retainHandling() == 1 && existed.get(i))) {
                continue;
            }
            for (Publish message : retained.matching(s.filter())) {
                if (!acl.mayReceive(session.clientId(), message.topic())) {
                    continue;
                }
                int qos = Math.min(message.qos(), s.qos());
                List<Integer> ids = subscribe.subscriptionIdentifier().isPresent()
                        ? List.of(subscribe.subscriptionIdentifier().getAsInt()) : List.of();
                session.deliver(message.withDelivery(qos, 0, true, false, ids));
            }
        }
    }

    /**
     * Tells every connected client the broker is going away (MQTT 5: DISCONNECT 0x8B Server shutting
     * down; 3.1.1: the connection closes). Completes when every lane has done so.
     */
    CompletableFuture<Void> disconnectAll() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Session session : sessions.values()) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            onLane(session.clientId(), () -> {
                ClientConnection c = session.connection();
                if (c != null) {
                    c.disconnect(ReasonCodes.SERVER_SHUTTING_DOWN, "the broker is shutting down");
                }
                f.complete(null);
            });
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    /** The client's socket can take more: send what waited. */
    void writable(String clientId, ClientConnection connection) {
        onLane(clientId, () -> {
            Session session = sessions.get(clientId);
            if (session != null && session.connection() == connection) {
                session.drain();
            }
        });
    }

    /** The connection is gone. {@code normal}: after DISCONNECT (reason 0x00), so no will. */
    void connectionLost(String clientId, ClientConnection connection, boolean normal) {
        onLane(clientId, () -> {
            Session session = sessions.get(clientId);
            if (session == null || session.connection() != connection) {
                return;
            }
            session.detach();
            stats.disconnected();
            if (normal) {
                session.clearWill();
            }
            long expiry = session.expiryIntervalSeconds();
            if (expiry == 0) {
                endSession(session);
                return;
            }
            scheduleWill(session, 0);
            persistence.saveSession(session, OptionalLong.of(session.detachedAtMillis()));
            if (expiry != Connect.NEVER_EXPIRES) {
                scheduleExpiry(session, expiry);
            }
        });
    }

    private void scheduleExpiry(Session session, long seconds) {
        String clientId = session.clientId();
        expiries.put(clientId, lane(clientId).schedule(() -> {
            expiries.remove(clientId);
            Session s = sessions.get(clientId);
            if (s == session && !s.isOnline()) {
                endSession(s);
            }
        }, seconds, TimeUnit.SECONDS));
    }

    private void endSession(Session session) {
        cancel(delayedWills.remove(session.clientId()));
        publishWill(session.clientId(), session); // a delayed will goes out at once when the session ends
        sessions.remove(session.clientId(), session);
        subscriptions.removeClient(session.clientId());
        acl.unregister(session.clientId());
        persistence.removeSession(session);
    }

    /** Publishes the will of a session whose client left, now or after its delay less {@code elapsedSeconds}. */
    private void scheduleWill(Session session, long elapsedSeconds) {
        Will will = session.will().orElse(null);
        if (will == null) {
            return;
        }
        long delay = will.delayIntervalSeconds() - elapsedSeconds;
        if (delay <= 0) {
            publishWill(session.clientId(), session);
            return;
        }
        String clientId = session.clientId();
        delayedWills.put(clientId, lane(clientId).schedule(() -> {
            delayedWills.remove(clientId);
            if (!session.isOnline()) {
                publishWill(clientId, session);
                persistence.saveSession(session, OptionalLong.of(session.detachedAtMillis())); // without the will
            }
        }, delay, TimeUnit.SECONDS));
    }

    private void publishWill(String clientId, Session session) {
        Will will = session.will().orElse(null);
        session.clearWill();
        if (will == null) {
            return;
        }
        if (!acl.mayPublish(clientId, will.topic())) {
            LOG.info("client {} may not publish its will to '{}': dropped", clientId, will.topic());
            return;
        }
        LOG.debug("publishing the will of {} to {}", clientId, will.topic());
        route(clientId, null, new Publish(will.topic(), will.payload(), will.qos(), will.retain(), false, 0,
                will.properties(), OptionalInt.empty(), List.of()), null);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
