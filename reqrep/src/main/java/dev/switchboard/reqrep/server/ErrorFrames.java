package dev.switchboard.reqrep.server;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import dev.switchboard.reqrep.codec.Frame;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that turns a failure into the error frame the client is sent. */
final class ErrorFrames {
    private ErrorFrames() {
    }

    static Frame.Error of(int requestId, String route, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ReqRepException e) {
            return new Frame.Error(requestId, e.code(), String.valueOf(e.getMessage()));
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new Frame.Error(requestId, ErrorCode.HANDLER_FAILED.value(),
                "route '" + route + "' failed: " + detail);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
