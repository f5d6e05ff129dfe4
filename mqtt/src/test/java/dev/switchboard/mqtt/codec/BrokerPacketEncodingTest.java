package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.assertThatBytes;
import static dev.switchboard.mqtt.codec.Wire.encode;
import static dev.switchboard.mqtt.codec.Wire.hex;
import static dev.switchboard.mqtt.codec.Wire.utf8;

import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.PingResp;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.PubAck;
import dev.switchboard.mqtt.packet.PubComp;
import dev.switchboard.mqtt.packet.PubRec;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.ReasonCodes;
import dev.switchboard.mqtt.packet.SubAck;
import dev.switchboard.mqtt.packet.UnsubAck;
import dev.switchboard.mqtt.packet.UserProperty;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the broker sends besides CONNACK, byte for byte, for 3.1.1 and 5. */
class BrokerPacketEncodingTest {
    private static final ProtocolVersion V311 = ProtocolVersion.MQTT_3_1_1;
    private static final ProtocolVersion V5 = ProtocolVersion.MQTT_5;

    private static final Publish PUBLISH_WITH_PROPERTIES = new Publish("a/b", utf8("hi"), 1, false, false, 5,
            new MessageProperties(OptionalInt.of(1), OptionalLong.of(30), "text/plain", null, null,
                    List.of(new UserProperty("k", "v"))),
            OptionalInt.empty(), List.of(7));

    @Test
    void publish5WithMessagePropertiesAndSubscriptionIdentifier() {
        assertThatBytes(encode(V5, PUBLISH_WITH_PROPERTIES)).isEqualTo(hex(
                "32", // PUBLISH, QoS 1
                "27", // remaining length 39
                "0003 612f62", // topic "a/b"
                "0005", // packet id 5
                "1d", // properties length 29
                "01 01", //   payload format indicator 1 (UTF-8)
                "02 0000001e", //   message expiry interval 30 s
                "03 000a 746578742f706c61696e", //   content type "text/plain"
                "0b 07", //   subscription identifier 7
                "26 0001 6b 0001 76", //   user property k=v
                "6869")); // payload "hi"
    }

    @Test
    void publish311DropsTheProperties() {
        assertThatBytes(encode(V311, PUBLISH_WITH_PROPERTIES)).isEqualTo(hex(
                "32", // PUBLISH, QoS 1
                "09", // remaining length 9
                "0003 612f62", // topic "a/b"
                "0005", // packet id 5
                "6869")); // payload "hi"
    }

    @Test
    void publishQos0RetainedDupFlagsAndNoPacketId() {
        assertThatBytes(encode(V5, Publish.of("t", new byte[] {9}, 0, true, 0))).isEqualTo(hex(
                "31", // PUBLISH, QoS 0, retain
                "05", // remaining length 5
                "0001 74", // topic "t"
                "00", // properties length 0
                "09")); // payload 09
        Publish redelivered = Publish.of("t", new byte[0], 2, false, 3).withDelivery(2, 3, false, true, List.of());
        assertThatBytes(encode(V311, redelivered)).isEqualTo(hex(
                "3c", // PUBLISH, dup, QoS 2
                "05", // remaining length 5
                "0001 74", // topic "t"
                "0003")); // packet id 3, empty payload
    }

    @Test
    void subAck311() {
        SubAck subAck = new SubAck(1, List.of(0, 1, ReasonCodes.NOT_AUTHORIZED), "no reason strings in 3.1.1");
        assertThatBytes(encode(V311, subAck)).isEqualTo(hex(
                "90", // SUBACK
                "05", // remaining length 5
                "0001", // packet id 1
                "00 01", // granted QoS 0, granted QoS 1
                "80")); // failure (0x87 has no 3.1.1 code)
    }

    @Test
    void subAck5WithReasonString() {
        assertThatBytes(encode(V5, new SubAck(10, List.of(1, 2, ReasonCodes.TOPIC_FILTER_INVALID), "partial")))
                .isEqualTo(hex(
                        "90", // SUBACK
                        "10", // remaining length 16
                        "000a", // packet id 10
                        "0a", // properties length 10
                        "1f 0007 7061727469616c", //   reason string "partial"
                        "01 02 8f")); // granted QoS 1, granted QoS 2, topic filter invalid
    }

    @Test
    void unsubAck() {
        UnsubAck unsubAck = new UnsubAck(11, List.of(ReasonCodes.SUCCESS, ReasonCodes.NO_SUBSCRIPTION_EXISTED), null);
        assertThatBytes(encode(V5, unsubAck)).isEqualTo(hex(
                "b0", // UNSUBACK
                "05", // remaining length 5
                "000b", // packet id 11
                "00", // properties length 0
                "00 11")); // success, no subscription existed
        assertThatBytes(encode(V311, unsubAck)).isEqualTo(hex(
                "b0", // UNSUBACK
                "02", // remaining length 2
                "000b")); // packet id 11, no reason codes in 3.1.1
    }

    @Test
    void publishAcknowledgements() {
        assertThatBytes(encode(V5, PubAck.success(5))).as("MQTT 5 may leave out reason 0 without properties")
                .isEqualTo(hex("40 02 0005"));
        assertThatBytes(encode(V5, new PubAck(5, ReasonCodes.NO_MATCHING_SUBSCRIBERS, null))).isEqualTo(hex(
                "40", // PUBACK
                "04", // remaining length 4
                "0005", // packet id 5
                "10", // reason code 0x10 no matching subscribers
                "00")); // properties length 0
        assertThatBytes(encode(V5, new PubRec(6, ReasonCodes.QUOTA_EXCEEDED, "full"))).isEqualTo(hex(
                "50", // PUBREC
                "0b", // remaining length 11
                "0006", // packet id 6
                "97", // reason code 0x97 quota exceeded
                "07", // properties length 7
                "1f 0004 66756c6c")); //   reason string "full"
        assertThatBytes(encode(V311, new PubAck(5, ReasonCodes.NO_MATCHING_SUBSCRIBERS, "x")))
                .isEqualTo(hex("40 02 0005"));
        assertThatBytes(encode(V311, PubRec.success(1), PubRel.success(1), PubComp.success(1))).isEqualTo(hex(
                "50 02 0001", // PUBREC, packet id 1
                "62 02 0001", // PUBREL (flags 0010), packet id 1
                "70 02 0001")); // PUBCOMP, packet id 1
    }

    @Test
    void pingResp() {
        assertThatBytes(encode(V311, PingResp.INSTANCE)).isEqualTo(hex("d0 00"));
    }

    @Test
    void disconnect5WithReasonString() {
        Disconnect disconnect = Disconnect.because(ReasonCodes.SERVER_SHUTTING_DOWN, "shutting down");
        assertThatBytes(encode(V5, disconnect)).isEqualTo(hex(
                "e0", // DISCONNECT
                "12", // remaining length 18
                "8b", // reason code 0x8B server shutting down
                "10", // properties length 16
                "1f 000d 7368757474696e6720646f776e")); //   reason string "shutting down"
    }

    @Test
    void disconnect5WithSessionExpiry() {
        assertThatBytes(encode(V5, new Disconnect(ReasonCodes.SESSION_TAKEN_OVER, "bye", OptionalLong.of(60))))
                .isEqualTo(hex(
                        "e0", // DISCONNECT
                        "0d", // remaining length 13
                        "8e", // reason code 0x8E session taken over
                        "0b", // properties length 11
                        "11 0000003c", //   session expiry interval 60 s
                        "1f 0003 627965")); //   reason string "bye"
    }

    @Test
    void normalDisconnect5IsTwoBytes() {
        assertThatBytes(encode(V5, Disconnect.NORMAL)).isEqualTo(hex("e0 00"));
    }
}
