package dev.switchboard.reqrep.server;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a route handler is given: the route name, the request body, and who sent it. Raw-mode
 * requests (plain socket programs) arrive with the server's raw route and the bytes received.
 */
public record RouteRequest(String route, byte[] body, SocketAddress remoteAddress) {
    public RouteRequest {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(body, "body");
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RouteRequest[route=" + route + ", body=" + body.length + " bytes, from=" + remoteAddress + "]";
    }
}
