package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import dev.switchboard.mqtt.packet.Subscribe;
import dev.switchboard.mqtt.packet.Subscription;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A CONNECT that takes over a client id still connected elsewhere. The old connection is closed, so
 * a session that was to end with its connection (Session Expiry 0; clean session in 3.1.1) ends
 * there: the new connection gets a fresh session even with Clean Start 0, as in Mosquitto's
 * handle_connect.c. A session that outlives its connection is resumed. (Found by interop scenario 06.)
 */
class BrokerTakeoverTest {
    private final TopicTreeIndex index = new TopicTreeIndex();
    private final Broker broker = new Broker(BrokerConfig.builder().port(0).build(), index, index,
            new EventExecutor[] {ImmediateEventExecutor.INSTANCE});

    private static Connect connect(ProtocolVersion version, boolean cleanStart, long sessionExpiry) {
        return new Connect(version, "phone", cleanStart, 60, sessionExpiry, 65535, 0, 0, true, null, null,
                Optional.empty(), List.of());
    }

    /** Connects, subscribes, and returns the connection. */
    private FakeConnection connectAndSubscribe(Connect connect) {
        FakeConnection connection = new FakeConnection(connect.version(), 65535);
        broker.connect(connect, connection, null);
        broker.packet("phone", connection, new Subscribe(1, List.of(new Subscription("news", 1, false, false, 0)),
                OptionalInt.empty(), List.of()));
        assertThat(index.count()).isOne();
        return connection;
    }

    private boolean sessionPresentTakingOver(Connect connect) {
        FakeConnection connection = new FakeConnection(connect.version(), 65535);
        broker.connect(connect, connection, null);
        return ((ConnAck) connection.sent.get(0)).sessionPresent();
    }

    @Test
    void mqtt5SessionExpiringWithItsConnectionIsNotResumedByATakeover() {
        FakeConnection old = connectAndSubscribe(connect(ProtocolVersion.MQTT_5, true, 0));

        assertThat(sessionPresentTakingOver(connect(ProtocolVersion.MQTT_5, false, 300))).isFalse();
        assertThat(old.disconnectReason).isEqualTo(ReasonCodes.SESSION_TAKEN_OVER);
        assertThat(index.count()).as("the ended session's subscription").isZero();
    }

    @Test
    void mqtt311CleanSessionIsNotResumedByATakeover() {
        FakeConnection old = connectAndSubscribe(connect(ProtocolVersion.MQTT_3_1_1, true, 0));

        assertThat(sessionPresentTakingOver(connect(ProtocolVersion.MQTT_3_1_1, false, Connect.NEVER_EXPIRES)))
                .isFalse();
        assertThat(old.open).isFalse();
        assertThat(index.count()).as("the ended session's subscription").isZero();
    }

    @Test
    void mqtt5SessionOutlivingItsConnectionIsResumedByATakeover() {
        connectAndSubscribe(connect(ProtocolVersion.MQTT_5, true, 300));

        assertThat(sessionPresentTakingOver(connect(ProtocolVersion.MQTT_5, false, 300))).isTrue();
        assertThat(index.count()).as("the resumed session's subscription").isOne();
    }

    @Test
    void mqtt311PersistentSessionIsResumedByATakeover() {
        connectAndSubscribe(connect(ProtocolVersion.MQTT_3_1_1, false, Connect.NEVER_EXPIRES));

        assertThat(sessionPresentTakingOver(connect(ProtocolVersion.MQTT_3_1_1, false, Connect.NEVER_EXPIRES)))
                .isTrue();
        assertThat(index.count()).as("the resumed session's subscription").isOne();
    }

    @Test
    void cleanStartDiscardsEvenASessionThatOutlivesItsConnection() {
        connectAndSubscribe(connect(ProtocolVersion.MQTT_5, true, 300));

        assertThat(sessionPresentTakingOver(connect(ProtocolVersion.MQTT_5, true, 300))).isFalse();
        assertThat(index.count()).isZero();
    }
}
