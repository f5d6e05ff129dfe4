package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.transport.IdleSweep;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keep alive through the connection handler and the broker's read-deadline sweep, with time moved by
 * hand: the client's channel and the broker's lane are EmbeddedChannels with frozen time.
 */
class KeepAliveSweepTest {
    private static final Duration PERIOD = Duration.ofMillis(100);
    /** MQTT 3.1.1 CONNECT, clean session, keep alive 1 s, client id "c1". */
    private static final String CONNECT_KEEP_ALIVE_1S = "10 0e 0004 4d515454 04 02 0001 0002 6331";
    /** PUBLISH QoS 0 to "a", payload "x". */
    private static final String PUBLISH = "30 04 0001 61 78";

    private final SettableClock clock = new SettableClock();
    private final BrokerConfig config = BrokerConfig.builder().port(0).clock(clock).build();
    private final TopicTreeIndex index = new TopicTreeIndex(clock);
    private final EmbeddedChannel lane = new EmbeddedChannel();
    private final Broker broker = new Broker(config, index, index, new EventExecutor[] {lane.eventLoop()});
    private final IdleSweep sweep = new IdleSweep(clock, PERIOD);
    private final EmbeddedChannel client = new EmbeddedChannel();

    {
        client.freezeTime();
        client.pipeline().addLast(MqttChannelInitializer.MQTT_DECODER, new MqttDecoder(config.maxPacketSize()));
        client.pipeline().addLast(MqttChannelInitializer.MQTT_CONNECTION,
                new MqttConnectionHandler(broker, config, sweep));
    }

    @AfterEach
    void close() {
        client.finishAndReleaseAll();
        lane.finishAndReleaseAll();
    }

    private void send(String hex) {
        client.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", ""))));
        lane.runPendingTasks();
        client.runPendingTasks();
    }

    /** Moves the clock and the client's loop on by {@code time}, one sweep period at a time. */
    private void pass(Duration time) {
        for (long t = 0; t < time.toMillis(); t += PERIOD.toMillis()) {
            clock.advance(PERIOD);
            client.advanceTimeBy(PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            client.runScheduledPendingTasks();
            lane.runPendingTasks();
        }
    }

    private void releaseOutbound() {
        for (Object out; (out = client.readOutbound()) != null; ) {
            ReferenceCountUtil.release(out);
        }
    }

    @Test
    void aSilentClientIsClosedAfterOneAndAHalfTimesItsKeepAliveAndNotBefore() {
        send(CONNECT_KEEP_ALIVE_1S);
        pass(Duration.ofMillis(1400));
        assertThat(client.isOpen()).isTrue();
        pass(Duration.ofMillis(300));
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aClientTheBrokerHoldsForBackPressureIsNotClosedForItsSilence() {
        send(CONNECT_KEEP_ALIVE_1S);
        releaseOutbound();
        // a client that reads nothing: what the broker wrote to it stays unflushed, the socket unwritable
        client.write(Unpooled.buffer().writeZero(client.config().getWriteBufferHighWaterMark() + 1));
        assertThat(client.isWritable()).isFalse();
        send(PUBLISH); // held by the gate: reading stops
        assertThat(client.config().isAutoRead()).isFalse();
        pass(Duration.ofSeconds(5));
        assertThat(client.isOpen()).as("held, so its silence is the broker's").isTrue();

        client.flush(); // the client reads again: the gate lets go and the keep alive counts again
        client.runPendingTasks();
        lane.runPendingTasks();
        releaseOutbound();
        assertThat(client.config().isAutoRead()).isTrue();
        pass(Duration.ofMillis(1700));
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aConnectionThatNeverSendsConnectIsClosedAtTheConnectTimeout() {
        pass(config.connectTimeout().minusMillis(100));
        assertThat(client.isOpen()).isTrue();
        pass(Duration.ofMillis(300));
        assertThat(client.isOpen()).isFalse();
    }
}
