package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.codec.PacketMapper;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.transport.Addresses;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** A {@link ClientConnection} over a Netty channel. Thread-safe (Netty hands writes to the channel's loop). */
final class ChannelConnection implements ClientConnection {
    private final Channel channel;
    private final ProtocolVersion version;
    private final int receiveMaximum;
    private final long maximumPacketSize;
    private final InboundGate gate;

    ChannelConnection(Channel channel, Connect connect, InboundGate gate) {
        this.channel = channel;
        this.version = connect.version();
        this.receiveMaximum = connect.receiveMaximum();
        this.maximumPacketSize = connect.maximumPacketSize();
        this.gate = gate;
    }

    @Override
    public long maximumPacketSize() {
        return maximumPacketSize;
    }

    @Override
    public void processed() {
        gate.processed();
    }

    @Override
    public void congested() {
        gate.congested();
    }

    @Override
    public void uncongested() {
        gate.uncongested();
    }

    @Override
    public void send(Packet packet) {
        channel.writeAndFlush(PacketMapper.toNetty(packet, version), channel.voidPromise());
    }

    @Override
    public void disconnect(int reasonCode, String reasonString) {
        if (version.isMqtt5() && channel.isActive()) {
            channel.writeAndFlush(PacketMapper.toNetty(Disconnect.because(reasonCode, reasonString), version))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public ProtocolVersion version() {
        return version;
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String peer() {
        return Addresses.format(channel.remoteAddress());
    }

    @Override
    public String toString() {
        return peer() + " (" + version + ")";
    }
}
