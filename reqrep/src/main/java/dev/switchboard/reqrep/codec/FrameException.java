package dev.switchboard.reqrep.codec;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;

/**
 * Bytes that are not a valid frame. Carries the request id when the header got that far (0
 * otherwise), so the answer can name the request it refuses.
 */
public final class FrameException extends ReqRepException {
    private final int requestId;

    public FrameException(ErrorCode code, int requestId, String message) {
        super(code, message);
        this.requestId = requestId;
    }

    public int requestId() {
        return requestId;
    }
}
