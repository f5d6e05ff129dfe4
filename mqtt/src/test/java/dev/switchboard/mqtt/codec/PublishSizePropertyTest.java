package dev.switchboard.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.testkit.LeakRecorder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** {@link PublishSize} agrees to the byte with what Netty's encoder writes, for 3.1.1 and 5. */
class PublishSizePropertyTest {
    @Property(tries = 500)
    void theComputedLengthIsTheEncodedLength(@ForAll("publishes") Case c) {
        assertThat(PublishSize.encodedLength(c.publish(), c.version()))
                .isEqualTo(Wire.encode(c.version(), c.publish()).length);
    }

    @Property(tries = 20)
    void largePayloadsNeedLongerRemainingLengths(@ForAll("large") Case c) {
        assertThat(PublishSize.encodedLength(c.publish(), c.version()))
                .isEqualTo(Wire.encode(c.version(), c.publish()).length);
    }

    @AfterContainer
    static void noBufferLeaked() {
        assertThat(LeakRecorder.collectLeaks()).as("Netty buffer leaks").isEmpty();
    }

    record Case(ProtocolVersion version, Publish publish) {
    }

    @Provide
    Arbitrary<Case> publishes() {
        return Arbitraries.of(ProtocolVersion.MQTT_3_1_1, ProtocolVersion.MQTT_5)
                .flatMap(v -> PacketArbitraries.publishes(v).map(p -> new Case(v, p)));
    }

    @Provide
    Arbitrary<Case> large() {
        return Arbitraries.of(100, 127, 128, 16_383, 16_384, 200_000, 2_097_151, 2_097_152)
                .map(size -> new Case(ProtocolVersion.MQTT_5, new Publish("big/t", new byte[size], 1, false, false, 7,
                        dev.switchboard.mqtt.packet.MessageProperties.NONE, java.util.OptionalInt.empty(),
                        java.util.List.of(3))));
    }
}
