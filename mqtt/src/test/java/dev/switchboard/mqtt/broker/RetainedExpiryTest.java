package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Retained messages obey their Message Expiry Interval (MQTT-3.3.2-5, MQTT-3.3.2-6). */
class RetainedExpiryTest {
    private final SettableClock clock = new SettableClock();
    private final TopicTreeIndex index = new TopicTreeIndex(clock);

    private static Publish retained(String topic, String text, OptionalLong expirySeconds) {
        return new Publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, true, false, 0,
                MessageProperties.NONE.withMessageExpiry(expirySeconds), OptionalInt.empty(), List.of());
    }

    @Test
    void aRetainedMessageIsSentWithWhatIsLeftOfItsIntervalAndNotAfterItRanOut() {
        index.retain(retained("s/1", "ten seconds", OptionalLong.of(10)));
        index.retain(retained("s/2", "forever", OptionalLong.empty()));

        clock.advance(Duration.ofSeconds(4));
        List<Publish> early = index.matching("s/#");
        assertThat(early).hasSize(2);
        assertThat(early).filteredOn(p -> p.topic().equals("s/1")).singleElement()
                .satisfies(p -> assertThat(p.properties().messageExpiryIntervalSeconds()).hasValue(6));

        clock.advance(Duration.ofSeconds(6));
        assertThat(index.matching("s/#")).extracting(Publish::topic).containsExactly("s/2");
        assertThat(index.countRetained()).as("the expired message is dropped, not kept").isEqualTo(1);
    }

    @Test
    void aReplacementIsNotRemovedWithTheExpiredMessageItReplaced() {
        index.retain(retained("s/1", "old", OptionalLong.of(1)));
        clock.advance(Duration.ofSeconds(2));
        index.retain(retained("s/1", "new", OptionalLong.empty()));
        assertThat(index.matching("s/1")).extracting(p -> new String(p.payload(), StandardCharsets.UTF_8))
                .containsExactly("new");
    }
}
