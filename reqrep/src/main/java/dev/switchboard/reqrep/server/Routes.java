package dev.switchboard.reqrep.server;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** The routes a server answers, by name. Immutable; built with {@link #builder()}. */
public final class Routes {
    /** The default answer of the {@code hello} route, as the seed's server gives it. */
    public static final String HELLO_REPLY = "Hello, client!";

    private final Map<String, Route> byName;

    private Routes(Map<String, Route> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** One registered route. */
    public record Route(String name, RouteHandler async, BlockingRouteHandler blocking) {
        public boolean isBlocking() {
            return blocking != null;
        }
    }

    /** A builder that already holds the built-in {@code hello} and {@code echo} routes. */
    public static Builder builder() {
        return new Builder()
                .route("hello", request -> CompletableFuture.completedFuture(RouteResponse.ofUtf8(HELLO_REPLY)))
                .route("echo", request -> CompletableFuture.completedFuture(RouteResponse.of(request.body())));
    }

    /** Only the built-in routes. */
    public static Routes builtIn() {
        return builder().build();
    }

    public Route get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    public static final class Builder {
        private final Map<String, Route> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /** Registers (or replaces) an asynchronous route that runs on the event loop. */
        public Builder route(String name, RouteHandler handler) {
            Objects.requireNonNull(handler, "handler");
            routes.put(checkName(name), new Route(name, handler, null));
            return this;
        }

        /** Registers (or replaces) a route whose handler may block; it runs on the worker pool. */
        public Builder blockingRoute(String name, BlockingRouteHandler handler) {
            Objects.requireNonNull(handler, "handler");
            routes.put(checkName(name), new Route(name, null, handler));
            return this;
        }

        public Routes build() {
            return new Routes(routes);
        }

        private static String checkName(String name) {
            Objects.requireNonNull(name, "name");
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > 255) {
                throw new IllegalArgumentException("route name must be 1-255 bytes of UTF-8, got '" + name + "'");
            }
            return name;
        }
    }
}
