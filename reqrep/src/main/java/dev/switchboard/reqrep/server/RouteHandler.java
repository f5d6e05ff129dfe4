package dev.switchboard.reqrep.server;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous route: called on the connection's event loop, so it must not block; it returns
 * at once with a stage that completes with the response (or fails; a
 * {@link dev.switchboard.reqrep.ReqRepException} fails with its own code, anything else with
 * HANDLER_FAILED). Work that blocks belongs in a {@link BlockingRouteHandler}.
 */
@FunctionalInterface
public interface RouteHandler {
    CompletionStage<RouteResponse> handle(RouteRequest request);
}
