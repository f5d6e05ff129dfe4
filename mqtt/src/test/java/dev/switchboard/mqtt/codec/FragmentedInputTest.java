package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.Publish;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Packets cut at every byte boundary decode as when they arrive whole, and not before their last byte. */
class FragmentedInputTest {
    /** A PUBLISH whose remaining length (203) takes two bytes, so cuts fall inside it too. */
    private static final byte[] PUBLISH_LONG = concat(hex(
            "30", // PUBLISH, QoS 0
            "cb01", // remaining length 203 (0x4b + 1 * 128)
            "0001 61"), // topic "a"
            new byte[200]); // payload of 200 zero bytes

    static Stream<Arguments> packets() {
        return Stream.of(
                Arguments.of("CONNECT 3.1.1 with will", null, ConnectDecodingTest.CONNECT_311_WILL),
                Arguments.of("CONNECT 5 with properties", null, ConnectDecodingTest.CONNECT_5),
                Arguments.of("PUBLISH 5 QoS 1", ProtocolVersion.MQTT_5, PublishDecodingTest.PUBLISH_5_QOS1),
                Arguments.of("PUBLISH 5 QoS 2", ProtocolVersion.MQTT_5, PublishDecodingTest.PUBLISH_5_QOS2),
                Arguments.of("PUBLISH, two-byte remaining length", ProtocolVersion.MQTT_3_1_1, PUBLISH_LONG),
                Arguments.of("SUBSCRIBE 5", ProtocolVersion.MQTT_5, SessionPacketDecodingTest.SUBSCRIBE_5),
                Arguments.of("SUBSCRIBE 3.1.1 then PINGREQ", ProtocolVersion.MQTT_3_1_1,
                        concat(SessionPacketDecodingTest.SUBSCRIBE_311, hex("c0 00"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void everySplitPointDecodesTheSame(String name, ProtocolVersion version, byte[] bytes) {
        List<Packet> whole = Wire.decode(version, bytes);
        assertThat(whole).isNotEmpty();

        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] head = Arrays.copyOfRange(bytes, 0, cut);
            byte[] tail = Arrays.copyOfRange(bytes, cut, bytes.length);
            assertThat(Wire.decode(version, head, tail)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void byteByByteNothingComesOutBeforeThePacketIsComplete(String name, ProtocolVersion version, byte[] bytes) {
        List<Packet> whole = Wire.decode(version, bytes);
        // where the first packet ends: the last byte, or before the two-byte PINGREQ that follows it
        int firstPacketLength = whole.size() == 1 ? bytes.length : bytes.length - 2;
        EmbeddedChannel channel = Wire.decoder(Wire.MAX_BYTES, version);
        try {
            for (int i = 0; i < bytes.length; i++) {
                Wire.writeInbound(channel, new byte[] {bytes[i]});
                if (i < firstPacketLength - 1) {
                    assertThat((Object) channel.readInbound()).as("after byte %d", i).isNull();
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(Wire.decode(version, split(bytes))).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void twoCopiesBackToBackCutAnywhere(String name, ProtocolVersion version, byte[] bytes) {
        byte[] twice = concat(bytes, bytes);
        List<Packet> whole = Wire.decode(version, twice);
        assertThat(whole).hasSize(2 * Wire.decode(version, bytes).size());

        for (int cut = 1; cut < twice.length; cut++) {
            byte[] head = Arrays.copyOfRange(twice, 0, cut);
            byte[] tail = Arrays.copyOfRange(twice, cut, twice.length);
            assertThat(Wire.decode(version, head, tail)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void theTwoByteRemainingLengthPacketIsOneRecord() {
        assertThat(Wire.decodeOne(ProtocolVersion.MQTT_3_1_1, PUBLISH_LONG))
                .isEqualTo(Publish.of("a", new byte[200], 0, false, 0));
    }

    private static byte[][] split(byte[] bytes) {
        byte[][] chunks = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            chunks[i] = new byte[] {bytes[i]};
        }
        return chunks;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
