package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.interop.ExternalProgram;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 01: the seed's own publisher and subscriber (Paho Python), unchanged but for host and
 * port. The seed's publisher writes CONNECT, PUBLISH and DISCONNECT back to back without waiting for
 * CONNACK and never runs its network loop, so it is run five times in a row to catch a broker that
 * loses a PUBLISH racing the CONNECT before it, or the DISCONNECT and close after it.
 */
class Mqtt01SeedPubSubTest {
    private static final String EXPECTED = "Received message: Hello, subscribers! from topic: example/topic";
    private static final int RUNS = 5;

    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void seedSubscriberPrintsWhatTheSeedPublisherSent(MqttVersion version) {
        ExternalProgram subscriber = interop.python("/seed/seed_subscriber.py", version.python());
        interop.awaitSubscriptions(1);

        for (int run = 1; run <= RUNS; run++) {
            ExternalProgram publisher = interop.python("/seed/seed_publisher.py", version.python());
            assertThat(publisher.awaitSuccess()).as("publisher output").isEmpty();
            assertThat(publisher.errors()).as("publisher errors").isEmpty();
            assertThat(subscriber.awaitLines(run)).as("subscriber output after %d publishers", run)
                    .isEqualTo(Collections.nCopies(run, EXPECTED));
        }
        assertThat(subscriber.isAlive()).as("subscriber still running").isTrue();
        assertThat(subscriber.errors()).as("subscriber errors").isEmpty();
        assertThat(subscriber.lines()).isEqualTo(List.copyOf(Collections.nCopies(RUNS, EXPECTED)));
    }
}
