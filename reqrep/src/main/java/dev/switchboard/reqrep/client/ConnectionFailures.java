package dev.switchboard.reqrep.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** Connection failures in a user's words. */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    public static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).toLowerCase();
        if (root instanceof UnknownHostException) {
            return "unknown host";
        }
        if (message.contains("refused")) {
            return "connection refused (is the server running on that port?)";
        }
        if (root instanceof NoRouteToHostException || message.contains("no route") || message.contains("unreachable")) {
            return "host unreachable";
        }
        if (message.contains("timed out") || root.getClass().getSimpleName().contains("Timeout")) {
            return "connect timed out";
        }
        if (root instanceof ConnectException) {
            return String.valueOf(root.getMessage());
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
