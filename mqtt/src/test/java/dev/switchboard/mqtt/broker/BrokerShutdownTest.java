package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While the broker stops, an event loop closing its channels reports connections lost to lanes
 * that may have ended already; that work is dropped quietly instead of failing the channel with a
 * RejectedExecutionException (logged as a warning on every stop with clients connected; seen in the
 * interop scenarios).
 */
class BrokerShutdownTest {
    @Test
    void workForALaneThatHasEndedIsDroppedWhileTheBrokerStops() {
        DefaultEventExecutor lane = new DefaultEventExecutor();
        lane.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        TopicTreeIndex index = new TopicTreeIndex();
        Broker broker = new Broker(BrokerConfig.builder().port(0).build(), index, index, new EventExecutor[] {lane});

        assertThatCode(() -> broker.connectionLost("gone", new FakeConnection(ProtocolVersion.MQTT_5, 65535), false))
                .doesNotThrowAnyException();
    }
}
