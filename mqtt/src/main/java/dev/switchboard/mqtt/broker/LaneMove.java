package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Packet;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GenericFutureListener;
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
 * on two threads. A channel that closes on the way (a client that wrote CONNECT, PUBLISH,
 * DISCONNECT and its FIN at once is read to the end before the move begins) is handed back with
 * everything it sent, for the broker to hear from where it is: nothing is lost either way.
 *
 * <p>Per channel: created and fed on the old loop, finished on the lane.
 */
final class LaneMove {
    private final Connect connect;
    private final ArrayDeque<Packet> waiting = new ArrayDeque<>();

    private LaneMove(Connect connect) {
        this.connect = connect;
    }

    /** True when {@code channel} is not on {@code lane} and can go there (a loop of its own group). */
    static boolean isNeeded(Channel channel, EventExecutor lane) {
        return lane instanceof EventLoop loop && loop != channel.eventLoop()
                && loop.parent() == channel.eventLoop().parent() && channel.isActive();
    }

    /**
     * Starts moving {@code channel} to {@code lane}; called on the channel's loop while it reads
     * {@code connect}. Then exactly one of: {@code arrived} runs on the lane once the channel is
     * there (reading stays off until it turns it on again); or {@code closed} runs where the
     * channel closed, before its pipeline is taken down.
     */
    static LaneMove start(Channel channel, EventLoop lane, Connect connect, Consumer<LaneMove> arrived,
            Consumer<LaneMove> closed) {
        LaneMove move = new LaneMove(connect);
        GenericFutureListener<ChannelFuture> onClose = f -> closed.accept(move);
        channel.closeFuture().addListener(onClose);
        channel.config().setAutoRead(false);
        // deregistration waits for the current read to end (Netty runs it later on this loop)
        channel.deregister().addListener(left -> {
            if (!channel.isOpen()) {
                return; // onClose has handed everything back
            }
            if (!left.isSuccess()) {
                channel.close();
                return;
            }
            lane.register(channel).addListener(registered -> {
                if (registered.isSuccess() && channel.isActive()) {
                    channel.closeFuture().removeListener(onClose);
                    arrived.accept(move);
                } else {
                    channel.close(); // and onClose hands everything back
                }
            });
        });
        return move;
    }

    /** The CONNECT that started the move. */
    Connect connect() {
        return connect;
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
