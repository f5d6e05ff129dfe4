package dev.switchboard.torrent.peer;

/** Names of the handlers in the peer wire pipeline; see {@link PeerChannelInitializer}. */
public final class ChannelHandlerNames {
    public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    public static final String HANDSHAKE_DECODER = "handshake-decoder";
    public static final String MESSAGE_DECODER = "peer-message-decoder";
    public static final String HANDSHAKE_ENCODER = "handshake-encoder";
    public static final String MESSAGE_ENCODER = "peer-message-encoder";
    public static final String IDLE_STATE = "idle-state";
    public static final String BACK_PRESSURE = "back-pressure";
    public static final String HANDSHAKE = "peer-handshake";
    public static final String PEER_CONNECTION = "peer-connection";

    private ChannelHandlerNames() {
    }
}
