package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Packet;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * Back-pressure on what one client sends: decides, packet by packet, whether the next ordered
 * packet goes to the client's lane now or waits, and stops reading the socket while anything waits.
 *
 * <p>A packet waits when
 * <ul>
 *   <li>{@value #MAX_PENDING} packets of this connection are already on the lane, not yet handled
 *       (so a fast publisher cannot fill its lane's task queue);</li>
 *   <li>the connection's own socket is not writable (a client that floods faster than it reads its
 *       acknowledgements);</li>
 *   <li>a subscriber its messages go to is congested ({@link Session#isCongested()}): its queue
 *       reached the limit, so the publisher is held until that subscriber catches up, instead of the
 *       broker dropping QoS 1 and 2 messages for an online subscriber;</li>
 *   <li>it is a PUBLISH and the connection's {@link PublishRate} is used up: the release is
 *       scheduled on the channel's event loop for when the rate allows it again.</li>
 * </ul>
 * Waiting packets are at most what one socket read had already decoded: reading is off until they
 * are all gone. Acknowledgements of messages the broker sent (PUBACK, PUBREC, PUBCOMP) do not pass
 * through here, so a held client still completes its deliveries and cannot deadlock the broker.
 *
 * <p>{@link #offer}, {@link #release}, {@link #stopReading}, {@link #resume} and {@link #closed} run
 * on the channel's event loop;
 * {@link #processed} and the congestion calls are thread-safe (lanes call them).
 */
final class InboundGate {
    /** Packets of one connection that may wait on its lane before reading stops. */
    static final int MAX_PENDING = 64;

    private final Channel channel;
    private final Consumer<Packet> forward;
    private final PublishRate rate;
    private boolean rateWakeupScheduled;
    /** Created when a packet first has to wait: most connections are never held. */
    private ArrayDeque<Packet> held;
    // plain fields behind field updaters rather than an AtomicInteger and an AtomicBoolean: two
    // objects fewer per connection
    private static final AtomicIntegerFieldUpdater<InboundGate> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(InboundGate.class, "pending");
    private static final AtomicIntegerFieldUpdater<InboundGate> WAKEUP_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(InboundGate.class, "wakeupScheduled");
    private volatile int pending;
    private volatile int wakeupScheduled;
    private volatile boolean holding;
    private volatile boolean congested;
    private boolean stopped;
    private boolean closed;

    InboundGate(Channel channel, Consumer<Packet> forward) {
        this(channel, forward, null);
    }

    /** @param rate how fast this connection may publish; null: no limit */
    InboundGate(Channel channel, Consumer<Packet> forward, PublishRate rate) {
        this.channel = channel;
        this.forward = forward;
        this.rate = rate;
    }

    /** An ordered packet from the client: forwarded now, or held (and reading paused). */
    void offer(Packet packet) {
        if (nothingHeld() && canForward() && rateAllows(packet)) {
            forwardNow(packet);
            return;
        }
        if (held == null) {
            held = new ArrayDeque<>(2);
        }
        held.addLast(packet);
        if (!holding) {
            holding = true;
            channel.config().setAutoRead(false);
            // a lane may have cleared the condition between canForward() and holding = true, and
            // seen holding still false: look again, so no wake-up is lost
            if (canForward()) {
                release();
            }
        }
    }

    /**
     * A packet that must not wait behind held publishes: acknowledgements of the broker's own
     * deliveries, which are what lets a congested subscriber catch up.
     */
    void bypass(Packet packet) {
        forwardNow(packet);
    }

    /** No more reading on this connection, whatever is released later (DISCONNECT, protocol error). */
    void stopReading() {
        stopped = true;
        channel.config().setAutoRead(false);
    }

    /**
     * Reading was off while the channel moved to its lane ({@link LaneMove}): on again, unless
     * something holds it (then the usual wake-ups turn it on).
     */
    void resume() {
        if (!holding) {
            holding = true;
            release();
        }
    }

    /**
     * The channel closed: what the client sent before it went still goes to the lane, past the
     * limits (at most what one read had decoded); nothing is read any more.
     */
    void closed() {
        closed = true;
        stopped = true;
        release();
    }

    /** The lane has handled one forwarded packet. */
    void processed() {
        int left = PENDING.decrementAndGet(this);
        if (holding && left <= MAX_PENDING / 2) {
            scheduleRelease();
        }
    }

    /** A subscriber this client publishes to is congested: hold its next packets. */
    void congested() {
        congested = true;
    }

    /** That subscriber caught up (or went away). */
    void uncongested() {
        congested = false;
        if (holding) {
            scheduleRelease();
        }
    }

    boolean isHolding() {
        return holding;
    }

    /** Forwards what waited while the conditions allow; reads again once nothing waits. */
    void release() {
        wakeupScheduled = 0;
        while (!nothingHeld() && canForward() && rateAllows(held.peekFirst())) {
            forwardNow(held.pollFirst());
        }
        if (nothingHeld() && !stopped && canForward()) {
            holding = false;
            channel.config().setAutoRead(true);
        }
        // otherwise reading stays paused (holding stays true) until the next wake-up
    }

    private void scheduleRelease() {
        if (WAKEUP_SCHEDULED.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(this::release);
        }
    }

    /** True when the rate lets {@code packet} through now; otherwise a release is scheduled for when it will. */
    private boolean rateAllows(Packet packet) {
        if (rate == null) {
            return true;
        }
        long wait = rate.delayMillis(packet);
        if (wait == 0) {
            return true;
        }
        if (!rateWakeupScheduled) {
            rateWakeupScheduled = true;
            channel.eventLoop().schedule(() -> {
                rateWakeupScheduled = false;
                release();
            }, wait, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    private boolean nothingHeld() {
        return held == null || held.isEmpty();
    }

    private boolean canForward() {
        return closed || !congested && pending < MAX_PENDING && channel.isWritable();
    }

    private void forwardNow(Packet packet) {
        if (rate != null) {
            rate.charge(packet);
        }
        PENDING.incrementAndGet(this);
        forward.accept(packet);
    }
}
