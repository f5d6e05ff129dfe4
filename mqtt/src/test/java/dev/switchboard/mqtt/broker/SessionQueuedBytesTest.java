package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.Publish;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The queued-bytes limit of a session: same rules as the message count. */
class SessionQueuedBytesTest {
    private static Connect connect(long expiry) {
        return new Connect(ProtocolVersion.MQTT_3_1_1, "c1", expiry == 0, 60, expiry, 65535, 0, 0, true, null, null,
                Optional.empty(), List.of());
    }

    private static Publish message(int size, int qos) {
        return Publish.of("t", new byte[size], qos, false, 0);
    }

    @Test
    void onlineQos1IsNeverDroppedPastTheBytesButPublishersAreHeld() {
        Session session = new Session("c1", 1000, 1000, 1, Clock.systemUTC()); // window of 1
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(c, connect(0));
        session.deliver(message(400, 1)); // sent, inflight
        session.deliver(message(400, 1));
        session.deliver(message(400, 1)); // 800 queued
        assertThat(session.isCongested()).isFalse();
        session.deliver(message(400, 1)); // no room for 400 more: congested, still queued
        assertThat(session.isCongested()).isTrue();
        assertThat(session.queued()).isEqualTo(3);
        assertThat(session.queuedBytes()).isEqualTo(1200);
        session.deliver(message(10, 0)); // QoS 0 past the limit: dropped
        assertThat(session.dropped()).isEqualTo(1);
        assertThat(session.queued()).isEqualTo(3);
        session.acknowledged(1);        // one more sent: 800 queued, above half
        assertThat(session.isCongested()).isTrue();
        c.takeSent();
        session.acknowledged(2);        // 400 queued: at most half, congestion ends
        assertThat(session.queuedBytes()).isEqualTo(400);
        assertThat(session.isCongested()).isFalse();
    }

    @Test
    void offlineDropsWhatDoesNotFitAndCountsIt() {
        Session session = new Session("c1", 1000, 1000, 10, Clock.systemUTC());
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(c, connect(Connect.NEVER_EXPIRES));
        session.detach();
        for (int i = 0; i < 4; i++) {
            session.deliver(message(300, 1));
        }
        session.deliver(message(2000, 2)); // larger than the whole limit
        assertThat(session.queued()).isEqualTo(3);
        assertThat(session.queuedBytes()).isEqualTo(900);
        assertThat(session.dropped()).isEqualTo(2);
        session.attach(c, connect(Connect.NEVER_EXPIRES));
        assertThat(session.queuedBytes()).isZero();
    }
}
