package dev.switchboard.reqrep.server;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What a route handler answers: the response body. */
public record RouteResponse(byte[] body) {
    public RouteResponse {
        Objects.requireNonNull(body, "body");
    }

    public static RouteResponse of(byte[] body) {
        return new RouteResponse(body);
    }

    public static RouteResponse ofUtf8(String text) {
        return new RouteResponse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RouteResponse[" + body.length + " bytes]";
    }
}
