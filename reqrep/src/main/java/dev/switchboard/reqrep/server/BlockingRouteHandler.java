package dev.switchboard.reqrep.server;

/**
 * A route whose work may block (files, databases, other services). It runs on the server's
 * bounded worker pool, never on an event loop; when the pool and its queue are full the request
 * is answered OVERLOADED at once.
 */
@FunctionalInterface
public interface BlockingRouteHandler {
    RouteResponse handle(RouteRequest request) throws Exception;
}
