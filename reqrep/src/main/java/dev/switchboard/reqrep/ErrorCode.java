package dev.switchboard.reqrep;

/**
 * Error codes of the framed protocol (docs/protocol/reqrep.md). Codes from 1000 up belong to
 * applications: a route handler fails with {@link ReqRepException} carrying its own code.
 */
public enum ErrorCode {
    PROTOCOL_ERROR(1),
    FRAME_TOO_LARGE(2),
    UNSUPPORTED_VERSION(3),
    NO_SUCH_ROUTE(4),
    HANDLER_FAILED(5),
    TIMEOUT(6),
    OVERLOADED(7),
    SHUTTING_DOWN(8);

    /** The first code applications may use. */
    public static final int FIRST_APPLICATION_CODE = 1000;

    private final int value;

    ErrorCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The protocol's name for a code on the wire: {@code NO_SUCH_ROUTE}, {@code APPLICATION_1001}, ... */
    public static String nameOf(int code) {
        for (ErrorCode known : values()) {
            if (known.value == code) {
                return known.name();
            }
        }
        return code >= FIRST_APPLICATION_CODE ? "APPLICATION_" + code : "UNKNOWN_" + code;
    }
}
