package dev.switchboard.reqrep.server;

/** Fired at every framed connection when the server starts its graceful shutdown. */
enum DrainEvent {
    INSTANCE
}
