package dev.switchboard.torrent.tracker.udp;

import static dev.switchboard.torrent.tracker.ChannelHandlerNames.UDP_TRACKER;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;

/**
 * The whole UDP tracker pipeline: {@code udp-tracker}, one shared handler that decodes each datagram,
 * answers it and encodes the reply. Datagrams have no framing to undo, so there is nothing before it.
 */
public final class UdpTrackerChannelInitializer extends ChannelInitializer<DatagramChannel> {
    private final UdpTrackerHandler handler;

    public UdpTrackerChannelInitializer(UdpTrackerHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(DatagramChannel ch) {
        ch.pipeline().addLast(UDP_TRACKER, handler);
    }
}
