package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.decodeOne;
import static dev.switchboard.mqtt.codec.Wire.hex;
import static dev.switchboard.mqtt.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.PubAck;
import dev.switchboard.mqtt.packet.PubComp;
import dev.switchboard.mqtt.packet.PubRec;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.UserProperty;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** PUBLISH at each QoS, with and without MQTT 5 properties, and the publish acknowledgements. */
class PublishDecodingTest {
    static final byte[] PUBLISH_311_QOS0 = hex(
            "30", // PUBLISH, QoS 0, no dup, no retain
            "0a", // remaining length 10
            "0003 612f62", // topic "a/b"
            "68656c6c6f"); // payload "hello" (no packet id at QoS 0)

    static final byte[] PUBLISH_5_QOS1 = hex(
            "33", // PUBLISH, QoS 1, retain
            "2a", // remaining length 42
            "0003 742f31", // topic "t/1"
            "0007", // packet id 7
            "20", // properties length 32
            "01 00", //   payload format indicator 0 (bytes)
            "02 00000078", //   message expiry interval 120 s
            "23 0003", //   topic alias 3
            "08 0001 72", //   response topic "r"
            "09 0001 ff", //   correlation data ff
            "03 0004 6a736f6e", //   content type "json"
            "26 0001 6b 0001 76", //   user property k=v
            "0102"); // payload 01 02

    static final Publish PUBLISH_5_QOS1_RECORD = new Publish("t/1", new byte[] {1, 2}, 1, true, false, 7,
            new MessageProperties(OptionalInt.of(0), OptionalLong.of(120), "json", "r", new byte[] {(byte) 0xff},
                    List.of(new UserProperty("k", "v"))),
            OptionalInt.of(3), List.of());

    static final byte[] PUBLISH_5_QOS2 = hex(
            "3c", // PUBLISH, dup, QoS 2, no retain
            "0b", // remaining length 11
            "0001 78", // topic "x"
            "0100", // packet id 256
            "05", // properties length 5
            "0b 05", //   subscription identifier 5
            "0b 8001", //   subscription identifier 128 (two-byte variable byte integer)
            ""); // empty payload

    @Test
    void qos0In311() {
        Publish publish = (Publish) decodeOne(null, PUBLISH_311_QOS0);

        assertThat(publish.topic()).isEqualTo("a/b");
        assertThat(publish.payload()).isEqualTo(utf8("hello"));
        assertThat(publish.qos()).isZero();
        assertThat(publish.retain()).isFalse();
        assertThat(publish.dup()).isFalse();
        assertThat(publish.packetId()).as("no packet id at QoS 0").isZero();
        assertThat(publish.properties()).isEqualTo(MessageProperties.NONE);
        assertThat(publish.topicAlias()).isEmpty();
        assertThat(publish.subscriptionIdentifiers()).isEmpty();
    }

    @Test
    void qos0In5WithoutProperties() {
        Publish publish = (Publish) decodeOne(ProtocolVersion.MQTT_5, hex(
                "31", // PUBLISH, QoS 0, retain
                "06", // remaining length 6
                "0001 61", // topic "a"
                "00", // properties length 0
                "ffee")); // payload ff ee

        assertThat(publish).isEqualTo(Publish.of("a", new byte[] {(byte) 0xff, (byte) 0xee}, 0, true, 0));
    }

    @Test
    void qos1In5WithMessagePropertiesAndTopicAlias() {
        Publish publish = (Publish) decodeOne(ProtocolVersion.MQTT_5, PUBLISH_5_QOS1);

        assertThat(publish.topic()).isEqualTo("t/1");
        assertThat(publish.payload()).containsExactly(1, 2);
        assertThat(publish.qos()).isEqualTo(1);
        assertThat(publish.retain()).isTrue();
        assertThat(publish.dup()).isFalse();
        assertThat(publish.packetId()).isEqualTo(7);
        MessageProperties props = publish.properties();
        assertThat(props.payloadFormatIndicator()).hasValue(0);
        assertThat(props.messageExpiryIntervalSeconds()).hasValue(120);
        assertThat(props.contentType()).isEqualTo("json");
        assertThat(props.responseTopic()).isEqualTo("r");
        assertThat(props.correlationData()).containsExactly(0xff);
        assertThat(props.userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(publish.topicAlias()).hasValue(3);
        assertThat(publish.subscriptionIdentifiers()).isEmpty();
        assertThat(publish).isEqualTo(PUBLISH_5_QOS1_RECORD);
    }

    @Test
    void qos2DupIn5WithSubscriptionIdentifiersAndEmptyPayload() {
        Publish publish = (Publish) decodeOne(ProtocolVersion.MQTT_5, PUBLISH_5_QOS2);

        assertThat(publish.topic()).isEqualTo("x");
        assertThat(publish.payload()).isEmpty();
        assertThat(publish.qos()).isEqualTo(2);
        assertThat(publish.dup()).isTrue();
        assertThat(publish.retain()).isFalse();
        assertThat(publish.packetId()).isEqualTo(256);
        assertThat(publish.properties()).isEqualTo(MessageProperties.NONE);
        assertThat(publish.topicAlias()).isEmpty();
        assertThat(publish.subscriptionIdentifiers()).containsExactly(5, 128);
    }

    @Test
    void qos2In311() {
        Publish publish = (Publish) decodeOne(ProtocolVersion.MQTT_3_1_1, hex(
                "34", // PUBLISH, QoS 2
                "06", // remaining length 6
                "0001 7a", // topic "z"
                "ffff", // packet id 65535
                "00")); // payload 00

        assertThat(publish).isEqualTo(Publish.of("z", new byte[] {0}, 2, false, 65_535));
    }

    @Test
    void pubAckIn5WithReasonCodeAndReasonString() {
        PubAck ack = (PubAck) decodeOne(ProtocolVersion.MQTT_5, hex(
                "40", // PUBACK
                "0b", // remaining length 11
                "0007", // packet id 7
                "10", // reason code 0x10 no matching subscribers
                "07", // properties length 7
                "1f 0004 6e6f7065")); //   reason string "nope"

        assertThat(ack).isEqualTo(new PubAck(7, 0x10, "nope"));
    }

    @Test
    void pubAckIn5WithoutReasonCodeIsSuccess() {
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex(
                "40", // PUBACK
                "02", // remaining length 2
                "0009"))) // packet id 9
                .isEqualTo(PubAck.success(9));
    }

    @Test
    void theQos2FlowIn311() {
        assertThat(Wire.decode(ProtocolVersion.MQTT_3_1_1, hex(
                "50 02 0001", // PUBREC, remaining length 2, packet id 1
                "62 02 0001", // PUBREL (flags 0010), remaining length 2, packet id 1
                "70 02 0001"))) // PUBCOMP, remaining length 2, packet id 1
                .containsExactly(PubRec.success(1), PubRel.success(1), PubComp.success(1));
    }

    @Test
    void pubRelIn5WithPacketIdNotFound() {
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex(
                "62", // PUBREL
                "03", // remaining length 3
                "0002", // packet id 2
                "92"))) // reason code 0x92 packet identifier not found (no properties)
                .isEqualTo(new PubRel(2, 0x92, null));
    }
}
