package dev.switchboard.mqtt.topic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the retained messages a filter matches by walking the {@link TopicTree} along the filter.
 * Retained messages sit only at nodes of topic names, and a name never contains '+' or '#', so nodes
 * of those names (which only subscriptions create) are skipped.
 */
final class RetainedWalk {

    private RetainedWalk() {
    }

    static <R> List<Retained<R>> matching(TopicNode<R> root, String[] filter) {
        List<Retained<R>> out = new ArrayList<>();
        ArrayDeque<TopicNode<R>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            TopicNode<R> node = pending.pop();
            int index = node.depth;
            if (index == filter.length) {
                add(node, out);
                continue;
            }
            String level = filter[index];
            if (level.equals(TopicSyntax.MULTI_LEVEL)) {
                // '#' matches the parent level too: sport/# matches sport (MQTT-4.7.1-2 / MQTT-4.7.1-1)
                add(node, out);
                collectBelow(node, index == 0, out);
            } else if (level.equals(TopicSyntax.SINGLE_LEVEL)) {
                for (TopicNode<R> child : node.children()) {
                    if (isNameLevel(child, index == 0)) {
                        pending.push(child);
                    }
                }
            } else {
                TopicNode<R> child = node.child(level);
                if (child != null) {
                    pending.push(child);
                }
            }
        }
        return out;
    }

    private static <R> void collectBelow(TopicNode<R> top, boolean atRoot, List<Retained<R>> out) {
        ArrayDeque<TopicNode<R>> pending = new ArrayDeque<>();
        for (TopicNode<R> child : top.children()) {
            if (isNameLevel(child, atRoot)) {
                pending.push(child);
            }
        }
        while (!pending.isEmpty()) {
            TopicNode<R> node = pending.pop();
            add(node, out);
            for (TopicNode<R> child : node.children()) {
                if (isNameLevel(child, false)) {
                    pending.push(child);
                }
            }
        }
    }

    /** Whether a wildcard may enter this child: not a wildcard node, and not '$...' at the first level. */
    private static boolean isNameLevel(TopicNode<?> child, boolean firstLevel) {
        String level = child.level;
        if (level.equals(TopicSyntax.SINGLE_LEVEL) || level.equals(TopicSyntax.MULTI_LEVEL)) {
            return false;
        }
        return !(firstLevel && level.startsWith("$")); // MQTT-4.7.2-1
    }

    private static <R> void add(TopicNode<R> node, List<Retained<R>> out) {
        Retained<R> retained = node.retained();
        if (retained != null) {
            out.add(retained);
        }
    }
}
