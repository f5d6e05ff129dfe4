package dev.switchboard.reqrep;

/**
 * The one exception family of the request/response protocol: a reason (a wire error code) and a
 * message. The server turns it into an error frame; the client raises it for an error frame it
 * receives, and for local failures (timeout, overload, connection lost) with the matching code.
 */
public class ReqRepException extends RuntimeException {
    private final int code;

    public ReqRepException(ErrorCode code, String message) {
        this(code.value(), message, null);
    }

    public ReqRepException(ErrorCode code, String message, Throwable cause) {
        this(code.value(), message, cause);
    }

    /** An application error; {@code code} must be at least {@link ErrorCode#FIRST_APPLICATION_CODE}. */
    public ReqRepException(int code, String message) {
        this(code, message, null);
    }

    protected ReqRepException(int code, String message, Throwable cause) {
        super(message, cause);
        if (code < 1 || code > 0xFFFF) {
            throw new IllegalArgumentException("error code must be 1-65535, got " + code);
        }
        this.code = code;
    }

    /** The exception for an error frame as received: any code, known or application. */
    public static ReqRepException fromWire(int code, String message) {
        return new ReqRepException(code, message, null);
    }

    /** The code as on the wire. */
    public int code() {
        return code;
    }

    public String codeName() {
        return ErrorCode.nameOf(code);
    }

    public boolean is(ErrorCode errorCode) {
        return code == errorCode.value();
    }
}
