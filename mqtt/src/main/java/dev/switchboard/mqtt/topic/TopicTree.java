package dev.switchboard.mqtt.topic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's one topic tree: it matches a published topic name to the subscriptions that receive it,
 * and holds the retained messages at the nodes of their topic names so that a new subscription finds
 * them by walking the same tree along its filter, never by scanning every retained message.
 *
 * <p>Each level of a filter or name is one node; '+' and '#' are nodes of their own. Subscribing and
 * unsubscribing cost one step per level; matching costs one step per visited node, which is the levels
 * of the name times the wildcard branches that exist along it, plus one per matching subscription. The
 * total number of subscriptions or retained messages does not enter (see docs/benchmarks-topic-tree.md).
 * Nothing recurses, so a name of 65,535 empty levels is handled like any other.
 *
 * <p>Thread safety: every method may be called from any thread at any time. Matching and retained
 * lookups take no lock. Writers lock one node at a time (see {@link TopicNode}), and calls for one
 * client id are serialised by the per-client index, so a client's subscribe, unsubscribe and
 * {@link #removeClient} never interleave even if the caller does not keep to one thread per client.
 * A match that runs while a subscription is added or removed may or may not see it.
 *
 * @param <R> the broker's retained message type
 */
public final class TopicTree<R> {

    private final TopicNode<R> root = new TopicNode<>("", null);
    private final ConcurrentHashMap<String, Set<TopicFilter>> filtersByClient = new ConcurrentHashMap<>();
    private final LongAdder subscriptions = new LongAdder();
    private final LongAdder retainedMessages = new LongAdder();

    /**
     * Adds the client's subscription to the filter, or replaces the client's existing one on the
     * identical filter (MQTT-3.8.4-3): the new options apply from now on and no message is lost to the
     * replacement (MQTT-3.8.4-4), since the entry is swapped, never removed and re-added.
     *
     * @return whether a subscription was replaced, which Retain Handling 1 needs (5.0 MQTT-3.3.1-10)
     * @throws IllegalArgumentException for No Local on a shared subscription (MQTT-3.8.3-4), which the
     *     broker must treat as a Protocol Error before it gets here
     */
    public boolean subscribe(String clientId, TopicFilter filter, SubscriptionOptions options) {
        Subscription subscription = new Subscription(clientId, filter, options);
        if (filter.isShared() && options.noLocal()) {
            throw new IllegalArgumentException("No Local on a shared subscription is a Protocol Error (MQTT-3.8.3-4): "
                    + filter);
        }
        boolean[] replaced = new boolean[1];
        filtersByClient.compute(clientId, (id, filters) -> {
            replaced[0] = insert(subscription);
            Set<TopicFilter> updated = filters == null ? new HashSet<>(4) : filters;
            updated.add(filter);
            return updated;
        });
        return replaced[0];
    }

    /** Removes the client's subscription to exactly this filter; whether it had one. */
    public boolean unsubscribe(String clientId, TopicFilter filter) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(filter, "filter");
        boolean[] removed = new boolean[1];
        filtersByClient.computeIfPresent(clientId, (id, filters) -> {
            removed[0] = delete(id, filter);
            filters.remove(filter);
            return filters.isEmpty() ? null : filters;
        });
        return removed[0];
    }

    /** Removes every subscription of the client, as when its session ends; how many there were. */
    public int removeClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        int[] removed = new int[1];
        filtersByClient.computeIfPresent(clientId, (id, filters) -> {
            for (TopicFilter filter : filters) {
                if (delete(id, filter)) {
                    removed[0]++;
                }
            }
            return null;
        });
        return removed[0];
    }

    /**
     * The subscriptions that receive a message published to this topic name: every matching non-shared
     * subscription (a client with overlapping filters appears once per filter; {@link Deliveries} merges
     * them), and for each matching shared subscription group the one member whose turn it is (see
     * {@link SharedGroup} for the round robin). Filters starting with '#' or '+' do not match names
     * beginning with '$' (MQTT-4.7.2-1); {@code sport/#} matches {@code sport} (MQTT-4.7.1-2 /
     * MQTT-4.7.1-1).
     */
    public List<Subscription> match(TopicName topic) {
        String[] levels = topic.levelArray();
        boolean dollar = topic.startsWithDollar();
        List<Subscription> out = new ArrayList<>();
        ArrayDeque<TopicNode<R>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            TopicNode<R> node = pending.pop();
            int index = node.depth;
            boolean wildcards = index > 0 || !dollar;
            if (wildcards) {
                TopicNode<R> rest = node.child(TopicSyntax.MULTI_LEVEL);
                if (rest != null) {
                    rest.collectSubscriptions(out);
                }
            }
            if (index == levels.length) {
                node.collectSubscriptions(out);
                continue;
            }
            if (wildcards) {
                TopicNode<R> any = node.child(TopicSyntax.SINGLE_LEVEL);
                if (any != null) {
                    pending.push(any);
                }
            }
            TopicNode<R> exact = node.child(levels[index]);
            if (exact != null) {
                pending.push(exact);
            }
        }
        return out;
    }

    /**
     * Stores the message as the one retained for this topic, replacing any before it (MQTT-3.3.1-5).
     * The caller clears a topic on an empty retained payload with {@link #removeRetained} instead
     * (3.1.1 MQTT-3.3.1-10/-11; 5.0 MQTT-3.3.1-6/-7).
     *
     * @return the message it replaced
     */
    public Optional<R> putRetained(TopicName topic, R message) {
        Retained<R> entry = new Retained<>(topic, message);
        String[] levels = topic.levelArray();
        while (true) {
            TopicNode<R> node = nodeForWriting(levels);
            if (node == null) {
                continue;
            }
            synchronized (node) {
                if (!node.isDetached()) {
                    Retained<R> previous = node.putRetained(entry);
                    if (previous == null) {
                        retainedMessages.increment();
                        return Optional.empty();
                    }
                    return Optional.of(previous.message());
                }
            }
            helpDetach(node);
        }
    }

    /** Clears the retained message of this topic; returns the message it removed. */
    public Optional<R> removeRetained(TopicName topic) {
        return removeRetained(topic, null);
    }

    /**
     * Clears the retained message of this topic only if it is still {@code expected} (the same
     * object): an expired message is dropped without removing one that replaced it meanwhile.
     */
    public Optional<R> removeRetained(TopicName topic, R expected) {
        TopicNode<R> node = find(topic.levelArray());
        if (node == null) {
            return Optional.empty();
        }
        Retained<R> previous;
        synchronized (node) {
            if (node.isDetached()) {
                return Optional.empty();
            }
            Retained<R> current = node.retained();
            if (expected != null && (current == null || current.message() != expected)) {
                return Optional.empty();
            }
            previous = node.removeRetained();
            if (previous != null) {
                retainedMessages.decrement();
            }
        }
        if (previous == null) {
            return Optional.empty();
        }
        prune(node);
        return Optional.of(previous.message());
    }

    /** The message retained for exactly this topic. */
    public Optional<R> retained(TopicName topic) {
        TopicNode<R> node = find(topic.levelArray());
        Retained<R> entry = node == null ? null : node.retained();
        return entry == null ? Optional.empty() : Optional.of(entry.message());
    }

    /**
     * The retained messages whose topic names the filter matches, found by walking the tree along the
     * filter: a literal level follows one child, '+' every child, '#' the whole subtree below. At the
     * first level a wildcard skips names beginning with '$' (MQTT-4.7.2-1). A shared subscription's
     * filter is walked by its inner filter; whether retained messages are sent for a shared
     * subscription at all is the broker's decision.
     */
    public List<Retained<R>> retainedMatching(TopicFilter filter) {
        return RetainedWalk.matching(root, filter.levelArray());
    }

    /** How many subscriptions the tree holds, shared ones included (each member counts once). */
    public long subscriptionCount() {
        return subscriptions.sum();
    }

    /** The topic filters one client is subscribed to (shared ones included), as a copy. */
    public Set<TopicFilter> filtersOf(String clientId) {
        Object[] copy = {Set.of()};
        // read under the map's lock for the key, where subscribe and unsubscribe change the set
        filtersByClient.computeIfPresent(clientId, (id, filters) -> {
            copy[0] = Set.copyOf(filters);
            return filters;
        });
        @SuppressWarnings("unchecked")
        Set<TopicFilter> filters = (Set<TopicFilter>) copy[0];
        return filters;
    }

    /** How many retained messages the tree holds. */
    public long retainedCount() {
        return retainedMessages.sum();
    }

    /** How many nodes the tree holds, the root included; 1 when empty, as pruning keeps it. For tests. */
    int nodeCount() {
        int count = 0;
        ArrayDeque<TopicNode<R>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            TopicNode<R> node = pending.pop();
            count++;
            node.children().forEach(pending::push);
        }
        return count;
    }

    private boolean insert(Subscription subscription) {
        String[] levels = subscription.filter().levelArray();
        String shareName = subscription.filter().shareNameOrNull();
        while (true) {
            TopicNode<R> node = nodeForWriting(levels);
            if (node == null) {
                continue;
            }
            synchronized (node) {
                if (!node.isDetached()) {
                    boolean replaced = shareName == null
                            ? node.putSubscriber(subscription)
                            : node.putSharedMember(shareName, subscription);
                    if (!replaced) {
                        subscriptions.increment();
                    }
                    return replaced;
                }
            }
            helpDetach(node);
        }
    }

    private boolean delete(String clientId, TopicFilter filter) {
        TopicNode<R> node = find(filter.levelArray());
        if (node == null) {
            return false;
        }
        String shareName = filter.shareNameOrNull();
        synchronized (node) {
            if (node.isDetached()) {
                return false;
            }
            boolean removed = shareName == null
                    ? node.removeSubscriber(clientId)
                    : node.removeSharedMember(shareName, clientId);
            if (!removed) {
                return false;
            }
            subscriptions.decrement();
        }
        prune(node);
        return true;
    }

    /** The node for these levels, created as needed; {@code null} if a detached node was in the way. */
    private TopicNode<R> nodeForWriting(String[] levels) {
        TopicNode<R> node = root;
        for (String level : levels) {
            TopicNode<R> child = node.child(level);
            if (child == null) {
                child = node.childForWriting(level);
                if (child == null) {
                    helpDetach(node);
                    return null;
                }
            }
            node = child;
        }
        return node;
    }

    /** The existing node for these levels, or {@code null}. */
    private TopicNode<R> find(String[] levels) {
        TopicNode<R> node = root;
        for (int i = 0; i < levels.length && node != null; i++) {
            node = node.child(levels[i]);
        }
        return node;
    }

    /**
     * Finishes the detaching of a node that a pruning thread has marked but not yet removed from its
     * parent, so a writer that met it never waits for that thread. Removing is idempotent.
     */
    private static <R> void helpDetach(TopicNode<R> detached) {
        detached.parent.removeChild(detached);
    }

    /** Detaches the node and then each ancestor while they hold nothing; the root always stays. */
    private void prune(TopicNode<R> node) {
        while (node.parent != null && node.detachIfEmpty()) {
            node.parent.removeChild(node);
            node = node.parent;
        }
    }
}
