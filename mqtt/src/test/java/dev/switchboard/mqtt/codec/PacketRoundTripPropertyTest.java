package dev.switchboard.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.testkit.LeakRecorder;
import java.util.Arrays;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Our record -> {@link PacketMapper#toNetty} -> {@code MqttEncoder} bytes -> {@code MqttDecoder} ->
 * {@link PacketMapper#fromNetty} gives back an equal record, for PUBLISH, SUBSCRIBE and CONNECT in
 * 3.1.1 and 5, however the bytes are cut. Plain jqwik: no Jupiter extension runs here, so leaks are
 * checked once the container is done.
 */
class PacketRoundTripPropertyTest {
    @Property(tries = 400)
    void publish(@ForAll("publishes") Case c) {
        assertThat(roundTrip(c)).isEqualTo(c.packet());
    }

    @Property(tries = 300)
    void subscribe(@ForAll("subscribes") Case c) {
        assertThat(roundTrip(c)).isEqualTo(c.packet());
    }

    @Property(tries = 400)
    void connect(@ForAll("connects") Case c) {
        assertThat(roundTrip(c)).isEqualTo(c.packet());
    }

    @Property(tries = 200)
    void cutAnywhere(@ForAll("anyPacket") Case c, @ForAll @IntRange(min = 0, max = 1 << 20) int where) {
        byte[] bytes = Wire.encode(c.version(), c.packet());
        int cut = 1 + where % (bytes.length - 1);
        assertThat(Wire.decode(decoderVersion(c), Arrays.copyOfRange(bytes, 0, cut),
                Arrays.copyOfRange(bytes, cut, bytes.length))).containsExactly(c.packet());
    }

    @AfterContainer
    static void noBufferLeaked() {
        assertThat(LeakRecorder.collectLeaks()).as("Netty buffer leaks").isEmpty();
    }

    /** A record and the version of the connection it travels on. */
    record Case(ProtocolVersion version, Packet packet) {
    }

    private static Packet roundTrip(Case c) {
        return Wire.decodeOne(decoderVersion(c), Wire.encode(c.version(), c.packet()));
    }

    /** A CONNECT sets the decoder's version itself; anything else is decoded on a connection of its version. */
    private static ProtocolVersion decoderVersion(Case c) {
        return c.packet() instanceof Connect ? null : c.version();
    }

    @Provide
    Arbitrary<Case> publishes() {
        return cases(PacketArbitraries::publishes);
    }

    @Provide
    Arbitrary<Case> subscribes() {
        return cases(PacketArbitraries::subscribes);
    }

    @Provide
    Arbitrary<Case> connects() {
        return cases(PacketArbitraries::connects);
    }

    @Provide
    Arbitrary<Case> anyPacket() {
        return Arbitraries.oneOf(publishes(), subscribes(), connects());
    }

    private static Arbitrary<Case> cases(Function<ProtocolVersion, Arbitrary<? extends Packet>> packets) {
        return Arbitraries.of(ProtocolVersion.MQTT_3_1_1, ProtocolVersion.MQTT_5)
                .flatMap(version -> packets.apply(version).map(packet -> new Case(version, packet)));
    }
}
