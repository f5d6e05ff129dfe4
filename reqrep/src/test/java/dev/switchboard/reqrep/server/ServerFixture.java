package dev.switchboard.reqrep.server;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts servers on port 0 and closes them after each test; register with @RegisterExtension. */
final class ServerFixture implements AfterEachCallback {
    private final java.util.List<ReqRepServer> started = new java.util.ArrayList<>();

    ReqRepServer start(UnaryOperator<ReqRepServerConfig.Builder> settings) {
        ReqRepServer server = ReqRepServer.start(
                settings.apply(ReqRepServerConfig.builder().port(0).ioThreads(2)).build());
        started.add(server);
        return server;
    }

    ReqRepServer start() {
        return start(b -> b);
    }

    static InetSocketAddress address(ReqRepServer server) {
        return server.localAddress();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ReqRepServer server : started) {
            server.close();
        }
        started.clear();
    }
}
