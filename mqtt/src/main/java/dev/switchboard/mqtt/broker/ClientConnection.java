package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;

/**
 * The network side of a connected client, as its session sees it: where packets go and what the
 * client said it can take. Sessions are tested against a fake; the broker uses
 * {@link ChannelConnection}.
 */
interface ClientConnection {
    void send(Packet packet);

    /** Sends DISCONNECT with a reason (MQTT 5 only: the server sends none to 3.1.1), then closes. */
    void disconnect(int reasonCode, String reasonString);

    void close();

    boolean isWritable();

    boolean isOpen();

    ProtocolVersion version();

    /** The client's Receive Maximum (65535 when it set none). */
    int receiveMaximum();

    /** The client's Maximum Packet Size in bytes; 0 when it set none. */
    default long maximumPacketSize() {
        return 0;
    }

    /** The peer's address, for logs. */
    String peer();

    /** The broker has handled one packet this connection forwarded (see {@link InboundGate}). */
    default void processed() {
    }

    /** A subscriber this client publishes to is congested: stop taking its publishes for now. */
    default void congested() {
    }

    /** The congested subscriber caught up: take this client's publishes again. */
    default void uncongested() {
    }
}
