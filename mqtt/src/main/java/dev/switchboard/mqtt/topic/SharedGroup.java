package dev.switchboard.mqtt.topic;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The members of one shared subscription (one ShareName on one filter), and whose turn it is.
 *
 * <p>Round robin: every call of {@link #next()} takes the next turn from one atomic counter and hands
 * it to member {@code turn mod size}. So while membership is stable, any {@code k * n} consecutive
 * messages reach each of the {@code n} members exactly {@code k} times, however many publishers match
 * concurrently. When a member joins or leaves, positions shift and the current round may give one
 * member one message more or less than the others; the next full round is exact again.
 *
 * <p>Members are held in a copy-on-write array: writes happen under the owning node's lock and copy
 * the array (groups are a handful of consumers, so that is cheap), reads take a snapshot without
 * locking.
 */
final class SharedGroup {

    private static final Subscription[] NONE = new Subscription[0];

    private volatile Subscription[] members = NONE;
    private final AtomicLong turns = new AtomicLong();

    /** The member whose turn it is, or {@code null} if the group is empty. */
    Subscription next() {
        Subscription[] snapshot = members;
        if (snapshot.length == 0) {
            return null;
        }
        return snapshot[Math.floorMod(turns.getAndIncrement(), snapshot.length)];
    }

    /** Adds the member or replaces the one with its client id, keeping its place. Under the node lock. */
    boolean put(Subscription member) {
        Subscription[] current = members;
        for (int i = 0; i < current.length; i++) {
            if (current[i].clientId().equals(member.clientId())) {
                Subscription[] copy = current.clone();
                copy[i] = member;
                members = copy;
                return true;
            }
        }
        Subscription[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = member;
        members = grown;
        return false;
    }

    /** Removes the member with this client id; whether there was one. Under the node lock. */
    boolean remove(String clientId) {
        Subscription[] current = members;
        for (int i = 0; i < current.length; i++) {
            if (current[i].clientId().equals(clientId)) {
                Subscription[] shrunk = new Subscription[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                members = shrunk;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    int size() {
        return members.length;
    }
}
