package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Packet;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Moves a connection's channel onto its client's lane once its CONNECT is in, so that reading the
 * client, its session's work and writing to it run on one thread: a message then crosses a thread
 * only when its publisher's and subscriber's lanes differ, instead of up to three times (the
 * publisher's loop to its lane, to the subscriber's lane, to the subscriber's loop).
 *
 * <p>The move keeps everything the client sent, in order: reading stops (auto read off), the
 * packets already decoded behind the CONNECT wait here, the channel leaves its loop and registers
 * on the lane, and only there is the broker told of the client and handed the waiting packets. So
 * nothing is written to the channel while it belongs to no loop, nothing the client sent is read
 * on two threads, and a client that wrote CONNECT, PUBLISH, DISCONNECT and closed has its close
 * read after its packets were handled. A channel closed during the move never reaches the broker.
 *
 * <p>Per channel: created and fed on the old loop, finished on the lane.
 */
final class LaneMove {
    private final ArrayDeque<Packet> waiting = new ArrayDeque<>();

    private LaneMove() {
    }

    /** True when {@code channel} is not on {@code lane} and can go there (a loop of its own group). */
    static boolean isNeeded(Channel channel, EventExecutor lane) {
        return lane instanceof EventLoop loop && loop != channel.eventLoop()
                && loop.parent() == channel.eventLoop().parent() && channel.isActive();
    }

    /**
     * Starts moving {@code channel} to {@code lane}; called on the channel's loop while it reads.
     * {@code arrived} runs on the lane once the channel is there, with this move to take the
     * waiting packets from; reading stays off until it turns it on again.
     */
    static LaneMove start(Channel channel, EventLoop lane, Consumer<LaneMove> arrived) {
        LaneMove move = new LaneMove();
        channel.config().setAutoRead(false);
        // deregistration waits for the current read to end (Netty runs it later on this loop)
        channel.deregister().addListener(left -> {
            if (!left.isSuccess() || !channel.isOpen()) {
                channel.close();
                return;
            }
            lane.register(channel).addListener(registered -> {
                if (registered.isSuccess()) {
                    arrived.accept(move);
                } else {
                    channel.close(); // closed on the way: the broker never knew the client
                }
            });
        });
        return move;
    }

    /** A packet decoded behind the CONNECT, before the channel reached its lane. */
    void hold(Packet packet) {
        waiting.addLast(packet);
    }

    /** The next waiting packet, in the order received; null when none is left. */
    Packet next() {
        return waiting.pollFirst();
    }
}
