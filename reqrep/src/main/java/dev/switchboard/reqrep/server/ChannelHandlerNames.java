package dev.switchboard.reqrep.server;

/** Names of the handlers in a request/response server pipeline. */
final class ChannelHandlerNames {
    static final String CONNECTION_LIMITER = "connection-limiter";
    static final String PROTOCOL_DETECTOR = "protocol-detector";
    static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    static final String FRAME_ENCODER = "frame-encoder";
    static final String FRAME_DECODER = "frame-decoder";
    static final String FRAMED_HANDLER = "framed-handler";
    static final String RAW_HANDLER = "raw-handler";
    static final String UNDECIDED = "undecided";

    private ChannelHandlerNames() {
    }
}
