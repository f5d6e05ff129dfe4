package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.interop.ExternalProgram;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 04: wills. A Paho Python client that set a will and is then killed (SIGKILL, no
 * DISCONNECT) has its will published to a mosquitto_sub; one that disconnects normally does not,
 * which a marker published afterwards proves (the subscriber sees the marker and nothing before it).
 */
class Mqtt04WillTest {
    private static final String WILL_TOPIC = "interop/04/will";
    private static final String MARKER_TOPIC = "interop/04/marker";

    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    private ExternalProgram subscriber(MqttVersion version) {
        ExternalProgram subscriber = interop.mosquittoSub(version, "-t", WILL_TOPIC, "-t", MARKER_TOPIC,
                "-q", "1", "-v");
        interop.awaitSubscriptions(2);
        return subscriber;
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aKilledClientsWillIsPublished(MqttVersion version) {
        ExternalProgram subscriber = subscriber(version);
        ExternalProgram client = interop.python("/will_client.py", version.python(), WILL_TOPIC, "gone", "stay");
        client.awaitLine("connected"::equals, "connected");
        assertThat(subscriber.lines()).as("no will while the client is connected").isEmpty();

        client.kill();

        assertThat(subscriber.awaitLines(1)).containsExactly(WILL_TOPIC + " gone");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aNormalDisconnectPublishesNoWill(MqttVersion version) {
        ExternalProgram subscriber = subscriber(version);
        ExternalProgram client = interop.python("/will_client.py", version.python(), WILL_TOPIC, "gone",
                "disconnect");
        assertThat(client.awaitSuccess()).containsExactly("connected", "disconnected");
        interop.awaitSessions(1); // the will client's session has ended: only the subscriber's is left

        interop.mosquittoPub(version, "-t", MARKER_TOPIC, "-q", "1", "-m", "after");

        assertThat(subscriber.awaitLines(1)).as("the marker, and no will before it")
                .containsExactly(MARKER_TOPIC + " after");
    }
}
