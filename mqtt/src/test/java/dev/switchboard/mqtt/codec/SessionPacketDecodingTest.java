package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.decodeOne;
import static dev.switchboard.mqtt.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.PingReq;
import dev.switchboard.mqtt.packet.PingResp;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.SubAck;
import dev.switchboard.mqtt.packet.Subscribe;
import dev.switchboard.mqtt.packet.Subscription;
import dev.switchboard.mqtt.packet.UnsubAck;
import dev.switchboard.mqtt.packet.Unsubscribe;
import dev.switchboard.mqtt.packet.UserProperty;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE, UNSUBSCRIBE, PINGREQ and DISCONNECT from a client; the broker's replies as a client reads them. */
class SessionPacketDecodingTest {
    static final byte[] SUBSCRIBE_5 = hex(
            "82", // SUBSCRIBE (flags 0010)
            "18", // remaining length 24
            "000a", // packet id 10
            "09", // properties length 9
            "0b 2a", //   subscription identifier 42
            "26 0001 6b 0001 76", //   user property k=v
            "0003 612f23", // filter "a/#"
            "2d", //   options: retain handling 2, retain as published, no local, QoS 1
            "0003 622f2b", // filter "b/+"
            "02"); //   options: QoS 2

    static final Subscribe SUBSCRIBE_5_RECORD = new Subscribe(10,
            List.of(new Subscription("a/#", 1, true, true, 2), new Subscription("b/+", 2, false, false, 0)),
            OptionalInt.of(42), List.of(new UserProperty("k", "v")));

    static final byte[] SUBSCRIBE_311 = hex(
            "82", // SUBSCRIBE (flags 0010)
            "08", // remaining length 8
            "0001", // packet id 1
            "0003 612f62", // filter "a/b"
            "01"); //   requested QoS 1

    @Test
    void subscribeIn5WithOptionsAndSubscriptionIdentifier() {
        Subscribe subscribe = (Subscribe) decodeOne(ProtocolVersion.MQTT_5, SUBSCRIBE_5);

        assertThat(subscribe.packetId()).isEqualTo(10);
        assertThat(subscribe.subscriptionIdentifier()).hasValue(42);
        assertThat(subscribe.userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(subscribe.subscriptions()).containsExactly(
                new Subscription("a/#", 1, true, true, 2), new Subscription("b/+", 2, false, false, 0));
        assertThat(subscribe).isEqualTo(SUBSCRIBE_5_RECORD);
    }

    @Test
    void subscribeIn311() {
        assertThat(decodeOne(ProtocolVersion.MQTT_3_1_1, SUBSCRIBE_311)).isEqualTo(new Subscribe(1,
                List.of(new Subscription("a/b", 1, false, false, 0)), OptionalInt.empty(), List.of()));
    }

    @Test
    void unsubscribeIn5() {
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex(
                "a2", // UNSUBSCRIBE (flags 0010)
                "0b", // remaining length 11
                "000b", // packet id 11
                "00", // properties length 0
                "0003 612f23", // filter "a/#"
                "0001 62"))) // filter "b"
                .isEqualTo(new Unsubscribe(11, List.of("a/#", "b"), List.of()));
    }

    @Test
    void unsubscribeIn311() {
        assertThat(decodeOne(ProtocolVersion.MQTT_3_1_1, hex(
                "a2", // UNSUBSCRIBE (flags 0010)
                "07", // remaining length 7
                "0002", // packet id 2
                "0003 612f62"))) // filter "a/b"
                .isEqualTo(new Unsubscribe(2, List.of("a/b"), List.of()));
    }

    @Test
    void pingReq() {
        assertThat(decodeOne(ProtocolVersion.MQTT_3_1_1, hex(
                "c0", // PINGREQ
                "00"))) // remaining length 0
                .isSameAs(PingReq.INSTANCE);
    }

    @Test
    void disconnectIn5WithReasonSessionExpiryAndReasonString() {
        Disconnect disconnect = (Disconnect) decodeOne(ProtocolVersion.MQTT_5, hex(
                "e0", // DISCONNECT
                "0d", // remaining length 13
                "04", // reason code 0x04 disconnect with will message
                "0b", // properties length 11
                "11 0000000a", //   session expiry interval 10 s
                "1f 0003 627965")); //   reason string "bye"

        assertThat(disconnect.reasonCode()).isEqualTo(0x04);
        assertThat(disconnect.reasonString()).isEqualTo("bye");
        assertThat(disconnect.sessionExpiryIntervalSeconds()).hasValue(10);
    }

    @Test
    void disconnectWithoutReasonIsNormal() {
        assertThat(decodeOne(ProtocolVersion.MQTT_3_1_1, hex("e0 00"))).isEqualTo(Disconnect.NORMAL);
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex("e0 00"))).isEqualTo(Disconnect.NORMAL);
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex(
                "e0", // DISCONNECT
                "01", // remaining length 1
                "8e"))) // reason code 0x8E session taken over, no properties
                .isEqualTo(new Disconnect(0x8e, null, OptionalLong.empty()));
    }

    @Test
    void connAckIn311ReturnCodesBecomeReasonCodes() {
        assertThat(decodeOne(null, hex("20 02 01 00"))).as("accepted, session present")
                .isEqualTo(ConnAck.accepted(true));
        assertThat(decodeOne(null, hex("20 02 00 01"))).isEqualTo(ConnAck.refused(0x84, null));
        assertThat(decodeOne(null, hex("20 02 00 02"))).isEqualTo(ConnAck.refused(0x85, null));
        assertThat(decodeOne(null, hex("20 02 00 03"))).isEqualTo(ConnAck.refused(0x88, null));
        assertThat(decodeOne(null, hex("20 02 00 04"))).isEqualTo(ConnAck.refused(0x86, null));
        assertThat(decodeOne(null, hex("20 02 00 05"))).isEqualTo(ConnAck.refused(0x87, null));
    }

    @Test
    void subAckAndUnsubAckIn5() {
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex(
                "90", // SUBACK
                "05", // remaining length 5
                "000a", // packet id 10
                "00", // properties length 0
                "01 8f"))) // reason codes: granted QoS 1, topic filter invalid
                .isEqualTo(new SubAck(10, List.of(1, 0x8f), null));
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex(
                "b0", // UNSUBACK
                "05", // remaining length 5
                "000b", // packet id 11
                "00", // properties length 0
                "00 11"))) // reason codes: success, no subscription existed
                .isEqualTo(new UnsubAck(11, List.of(0, 0x11), null));
    }

    @Test
    void unsubAckIn311HasNoReasonCodes() {
        assertThat(decodeOne(ProtocolVersion.MQTT_3_1_1, hex("b0 02 0002")))
                .isEqualTo(new UnsubAck(2, List.of(), null));
    }

    @Test
    void pingResp() {
        assertThat(decodeOne(ProtocolVersion.MQTT_5, hex("d0 00"))).isSameAs(PingResp.INSTANCE);
    }
}
