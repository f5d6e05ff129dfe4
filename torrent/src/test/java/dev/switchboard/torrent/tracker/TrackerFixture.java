package dev.switchboard.torrent.tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts trackers on port 0 and closes them after each test; register with @RegisterExtension. */
public final class TrackerFixture implements AfterEachCallback {
    private final List<TrackerServer> started = new ArrayList<>();

    public TrackerServer start(UnaryOperator<TrackerConfig.Builder> settings) {
        TrackerServer server = TrackerServer.start(
                settings.apply(TrackerConfig.builder().port(0).ioThreads(2)).build());
        started.add(server);
        return server;
    }

    public TrackerServer start() {
        return start(b -> b);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (TrackerServer server : started) {
            server.close();
        }
        started.clear();
    }
}
