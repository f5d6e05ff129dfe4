package dev.switchboard.reqrep.server;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.ReqRepException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a request on its route: asynchronous routes on the calling event loop, blocking routes on
 * the bounded worker pool. Never throws; every failure comes back as a failed stage. Shared.
 */
final class Dispatcher {
    private final Routes routes;
    private final Executor workers;
    private final int workerQueue;

    Dispatcher(Routes routes, Executor workers, int workerQueue) {
        this.routes = routes;
        this.workers = workers;
        this.workerQueue = workerQueue;
    }

    CompletionStage<RouteResponse> dispatch(RouteRequest request) {
        Routes.Route route = routes.get(request.route());
        if (route == null) {
            return CompletableFuture.failedFuture(new ReqRepException(ErrorCode.NO_SUCH_ROUTE,
                    "no route named '" + request.route() + "'; this server has " + routes.names()));
        }
        if (route.isBlocking()) {
            return runOnWorker(route, request);
        }
        try {
            CompletionStage<RouteResponse> stage = route.async().handle(request);
            if (stage == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("handler returned null"));
            }
            return stage;
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private CompletionStage<RouteResponse> runOnWorker(Routes.Route route, RouteRequest request) {
        CompletableFuture<RouteResponse> result = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                try {
                    RouteResponse response = route.blocking().handle(request);
                    if (response == null) {
                        throw new IllegalStateException("handler returned null");
                    }
                    result.complete(response);
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ReqRepException(ErrorCode.OVERLOADED,
                    "all workers busy and " + workerQueue + " requests queued; try again later"));
        }
        return result;
    }
}
