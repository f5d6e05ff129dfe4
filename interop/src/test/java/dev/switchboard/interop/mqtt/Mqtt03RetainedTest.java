package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.interop.ExternalProgram;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 03: retained messages. {@code mosquitto_pub -r} stores one; a subscriber that comes later
 * gets it with the retain flag set, while one already subscribed got it live with the flag clear;
 * {@code -r -n} clears it, and a later subscriber gets nothing but the marker sent after it.
 * Subscribers print {@code -F '%r %t %p'}: retain flag, topic, payload.
 */
class Mqtt03RetainedTest {
    private static final String TOPIC = "interop/03/door";
    private static final String FORMAT = "%r %t %p";

    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void retainedMessageReachesLaterSubscribersUntilCleared(MqttVersion version) {
        ExternalProgram early = interop.mosquittoSub(version, "-t", TOPIC, "-q", "1", "-C", "1", "-F", FORMAT);
        interop.awaitSubscriptions(1);

        interop.mosquittoPub(version, "-t", TOPIC, "-q", "1", "-r", "-m", "open");
        assertThat(interop.broker().retainedMessages()).as("retained after PUBACK").isEqualTo(1);
        assertThat(early.awaitSuccess()).as("a live delivery does not carry the retain flag")
                .containsExactly("0 " + TOPIC + " open");

        ExternalProgram late = interop.mosquittoSub(version, "-t", TOPIC, "-q", "1", "-C", "1", "-F", FORMAT);
        assertThat(late.awaitSuccess()).containsExactly("1 " + TOPIC + " open");

        ExternalProgram wildcard = interop.mosquittoSub(version, "-t", "interop/03/#", "-C", "1", "-F", FORMAT);
        assertThat(wildcard.awaitSuccess()).as("found through a wildcard too")
                .containsExactly("1 " + TOPIC + " open");

        interop.mosquittoPub(version, "-t", TOPIC, "-q", "1", "-r", "-n");
        assertThat(interop.broker().retainedMessages()).as("retained after clearing").isZero();
        interop.awaitSubscriptions(0); // the earlier subscribers' sessions are gone

        ExternalProgram afterClear = interop.mosquittoSub(version, "-t", TOPIC, "-q", "1", "-C", "1",
                "-F", FORMAT);
        interop.awaitSubscriptions(1);
        interop.mosquittoPub(version, "-t", TOPIC, "-q", "1", "-m", "marker");
        assertThat(afterClear.awaitSuccess()).as("nothing retained comes before the marker")
                .containsExactly("0 " + TOPIC + " marker");
    }
}
