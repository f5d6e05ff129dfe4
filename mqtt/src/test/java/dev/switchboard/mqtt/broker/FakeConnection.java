package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;

/** A connection that records what a session sends, for state-machine tests without Netty. */
final class FakeConnection implements ClientConnection {
    final List<Packet> sent = new ArrayList<>();
    final ProtocolVersion version;
    final int receiveMaximum;
    boolean writable = true;
    boolean open = true;
    Integer disconnectReason;
    boolean held;

    FakeConnection(ProtocolVersion version, int receiveMaximum) {
        this.version = version;
        this.receiveMaximum = receiveMaximum;
    }

    @Override
    public void send(Packet packet) {
        sent.add(packet);
    }

    @Override
    public void disconnect(int reasonCode, String reasonString) {
        disconnectReason = reasonCode;
        open = false;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public ProtocolVersion version() {
        return version;
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public void congested() {
        held = true;
    }

    @Override
    public void uncongested() {
        held = false;
    }

    @Override
    public String peer() {
        return "fake";
    }

    List<Packet> takeSent() {
        List<Packet> copy = new ArrayList<>(sent);
        sent.clear();
        return copy;
    }
}
