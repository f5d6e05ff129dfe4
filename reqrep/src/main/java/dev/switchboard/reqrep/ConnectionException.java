package dev.switchboard.reqrep;

/** The client could not reach the server, or lost the connection before an answer came. */
public final class ConnectionException extends RuntimeException {
    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConnectionException(String message) {
        super(message);
    }
}
