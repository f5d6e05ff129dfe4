package dev.switchboard.mqtt.topic;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One level of the {@link TopicTree}: the subscriptions whose filter ends here, the retained message
 * of the topic name that ends here, and the next levels.
 *
 * <p>Concurrency: readers (matching, retained lookup) take no lock; they read the volatile fields and
 * the {@link ConcurrentHashMap}s, which tolerate concurrent change. Writers lock the one node they
 * change ({@code synchronized (node)}), never two nodes at once. A node that became empty is
 * <em>detached</em>: under its own lock it is marked {@link #isDetached() detached}, then removed from
 * its parent's children under the parent's lock. A writer that locks a node and finds it detached
 * starts again from the root, so nothing is ever added to a node that is no longer in the tree.
 * Children are only added to a node that is not detached (under that node's lock), and a node is only
 * detached while it has no children, so every node that is not detached is reachable from the root.
 *
 * <p>The maps are created on first use and dropped when they empty, since most nodes of a large tree
 * hold a single subscription or none.
 */
final class TopicNode<R> {

    final String level;
    final TopicNode<R> parent;
    /** Number of levels from the root; the root is 0. Matching uses it as the index of the next level. */
    final int depth;

    private volatile ConcurrentHashMap<String, TopicNode<R>> children;
    private volatile ConcurrentHashMap<String, Subscription> subscribers;
    private volatile ConcurrentHashMap<String, SharedGroup> sharedGroups;
    private volatile Retained<R> retained;
    private boolean detached; // guarded by this

    TopicNode(String level, TopicNode<R> parent) {
        this.level = level;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    // ---- lock-free reads

    TopicNode<R> child(String name) {
        ConcurrentHashMap<String, TopicNode<R>> map = children;
        return map == null ? null : map.get(name);
    }

    Collection<TopicNode<R>> children() {
        ConcurrentHashMap<String, TopicNode<R>> map = children;
        return map == null ? List.of() : map.values();
    }

    Retained<R> retained() {
        return retained;
    }

    /** Adds every non-shared subscription here and, per shared group, the member whose turn it is. */
    void collectSubscriptions(List<Subscription> out) {
        ConcurrentHashMap<String, Subscription> direct = subscribers;
        if (direct != null) {
            out.addAll(direct.values());
        }
        ConcurrentHashMap<String, SharedGroup> groups = sharedGroups;
        if (groups != null) {
            for (SharedGroup group : groups.values()) {
                Subscription member = group.next();
                if (member != null) {
                    out.add(member);
                }
            }
        }
    }

    // ---- writes: each method below must be called holding this node's lock, unless it is synchronized

    /** The child for this level, created if missing; {@code null} if this node is detached. */
    synchronized TopicNode<R> childForWriting(String name) {
        if (detached) {
            return null;
        }
        ConcurrentHashMap<String, TopicNode<R>> map = children;
        if (map == null) {
            map = new ConcurrentHashMap<>(2);
            children = map;
        }
        return map.computeIfAbsent(name, key -> new TopicNode<>(key, this));
    }

    /** Removes a detached child from this node's children. */
    synchronized void removeChild(TopicNode<R> child) {
        ConcurrentHashMap<String, TopicNode<R>> map = children;
        if (map != null && map.remove(child.level, child) && map.isEmpty()) {
            children = null;
        }
    }

    /** Marks this node detached if it holds nothing; whether it did. */
    synchronized boolean detachIfEmpty() {
        if (detached || !isEmpty()) {
            return false;
        }
        detached = true;
        return true;
    }

    boolean isDetached() {
        return detached;
    }

    /** Adds or replaces the client's subscription; whether it replaced one. */
    boolean putSubscriber(Subscription subscription) {
        ConcurrentHashMap<String, Subscription> map = subscribers;
        if (map == null) {
            map = new ConcurrentHashMap<>(2);
            subscribers = map;
        }
        return map.put(subscription.clientId(), subscription) != null;
    }

    /** Removes the client's subscription; whether there was one. */
    boolean removeSubscriber(String clientId) {
        ConcurrentHashMap<String, Subscription> map = subscribers;
        if (map == null || map.remove(clientId) == null) {
            return false;
        }
        if (map.isEmpty()) {
            subscribers = null;
        }
        return true;
    }

    /** Adds or replaces the client as a member of the shared group; whether it replaced one. */
    boolean putSharedMember(String shareName, Subscription subscription) {
        ConcurrentHashMap<String, SharedGroup> map = sharedGroups;
        if (map == null) {
            map = new ConcurrentHashMap<>(2);
            sharedGroups = map;
        }
        return map.computeIfAbsent(shareName, name -> new SharedGroup()).put(subscription);
    }

    /** Removes the client from the shared group; whether it was a member. */
    boolean removeSharedMember(String shareName, String clientId) {
        ConcurrentHashMap<String, SharedGroup> map = sharedGroups;
        SharedGroup group = map == null ? null : map.get(shareName);
        if (group == null || !group.remove(clientId)) {
            return false;
        }
        if (group.isEmpty()) {
            map.remove(shareName);
            if (map.isEmpty()) {
                sharedGroups = null;
            }
        }
        return true;
    }

    /** Sets the retained message; returns the one it replaced, or {@code null}. */
    Retained<R> putRetained(Retained<R> message) {
        Retained<R> previous = retained;
        retained = message;
        return previous;
    }

    /** Clears the retained message; returns the one it removed, or {@code null}. */
    Retained<R> removeRetained() {
        Retained<R> previous = retained;
        retained = null;
        return previous;
    }

    private boolean isEmpty() {
        return children == null && subscribers == null && sharedGroups == null && retained == null;
    }
}
