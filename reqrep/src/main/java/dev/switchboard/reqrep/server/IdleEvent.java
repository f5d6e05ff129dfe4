package dev.switchboard.reqrep.server;

/**
 * Fired at a connection from the server's idle sweep each time it has read no whole frame (or raw
 * message) for the idle timeout. The handler at the end of the pipeline decides whether to close.
 */
enum IdleEvent {
    INSTANCE
}
