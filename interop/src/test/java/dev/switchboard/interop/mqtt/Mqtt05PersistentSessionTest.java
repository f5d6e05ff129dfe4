package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.interop.ExternalProgram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 05: a persistent session. {@code mosquitto_sub -c -i ID -q 1} (clean session off; for
 * MQTT 5 that also means a session that never expires) subscribes and exits ({@code -E}); QoS 1
 * messages published while it is away are queued; the same client id reconnecting with {@code -c}
 * receives every one of them, in order, and a QoS 0 message sent while it was away is not kept.
 */
class Mqtt05PersistentSessionTest {
    private static final String TOPIC = "interop/05/jobs";
    private static final int MESSAGES = 10;

    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void queuedMessagesArriveInOrderOnReconnect(MqttVersion version) {
        String id = "interop-05-" + version.mosquitto();
        interop.mosquittoSub(version, "-c", "-i", id, "-q", "1", "-t", TOPIC, "-E").awaitSuccess();
        interop.awaitSessions(1);
        assertThat(interop.broker().subscriptions()).as("the offline session keeps its subscription").isOne();

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            interop.mosquittoPub(version, "-t", TOPIC, "-q", "1", "-m", "job " + i);
            expected.add(TOPIC + " job " + i);
            if (i == MESSAGES / 2) {
                interop.mosquittoPub(version, "-t", TOPIC, "-q", "0", "-m", "QoS 0 is not kept offline");
            }
        }

        ExternalProgram back = interop.mosquittoSub(version, "-c", "-i", id, "-q", "1", "-t", TOPIC,
                "-C", String.valueOf(MESSAGES), "-v");
        assertThat(back.awaitSuccess()).containsExactlyElementsOf(expected);
    }
}
