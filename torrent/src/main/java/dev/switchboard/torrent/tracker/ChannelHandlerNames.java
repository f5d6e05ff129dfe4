package dev.switchboard.torrent.tracker;

/** Names of the handlers in the tracker's HTTP and UDP pipelines. */
public final class ChannelHandlerNames {
    public static final String CONNECTION_LIMITER = "connection-limiter";
    public static final String READ_TIMEOUT = "read-timeout";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_TRACKER = "http-tracker";
    public static final String UDP_TRACKER = "udp-tracker";

    private ChannelHandlerNames() {
    }
}
