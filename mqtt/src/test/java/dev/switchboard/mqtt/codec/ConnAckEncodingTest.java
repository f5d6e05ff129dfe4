package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.assertThatBytes;
import static dev.switchboard.mqtt.codec.Wire.encode;
import static dev.switchboard.mqtt.codec.Wire.hex;

import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONNACK as the broker sends it: 3.1.1 return codes, MQTT 5 reason codes and properties. */
class ConnAckEncodingTest {
    private static final ProtocolVersion V311 = ProtocolVersion.MQTT_3_1_1;
    private static final ProtocolVersion V5 = ProtocolVersion.MQTT_5;

    @Test
    void accepted311() {
        assertThatBytes(encode(V311, ConnAck.accepted(false))).isEqualTo(hex(
                "20", // CONNACK
                "02", // remaining length 2
                "00", // acknowledge flags: no session present
                "00")); // return code 0 accepted
        assertThatBytes(encode(V311, ConnAck.accepted(true))).isEqualTo(hex(
                "20 02",
                "01", // acknowledge flags: session present
                "00")); // return code 0 accepted
    }

    @ParameterizedTest(name = "reason 0x{0} -> return code {1}")
    @CsvSource({
        "84, 01", // unsupported protocol version -> unacceptable protocol version
        "85, 02", // client identifier not valid -> identifier rejected
        "88, 03", // server unavailable
        "89, 03", // server busy -> server unavailable
        "8b, 03", // server shutting down -> server unavailable
        "9f, 03", // connection rate exceeded -> server unavailable
        "86, 04", // bad user name or password
        "87, 05", // not authorized
        "80, 05", // unspecified error -> not authorized
    })
    void refusals311UseTheReturnCodes(String reason, String returnCode) {
        ConnAck refused = new ConnAck(true, Integer.parseInt(reason, 16), "ignored for 3.1.1", "id",
                OptionalInt.of(1), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(),
                OptionalLong.empty());

        assertThatBytes(encode(V311, refused)).isEqualTo(hex(
                "20", // CONNACK
                "02", // remaining length 2
                "00", // no session present on a refusal (MQTT-3.2.2-4), whatever the record says
                returnCode)); // return code, and no properties
    }

    @Test
    void mqtt31UsesTheSameFormat() {
        ConnAck refused = ConnAck.refused(ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID, null);
        assertThatBytes(encode(ProtocolVersion.MQTT_3_1, refused)).isEqualTo(hex("20 02 00 02"));
    }

    @Test
    void accepted5WithAssignedClientIdAndProperties() {
        ConnAck connAck = new ConnAck(false, ReasonCodes.SUCCESS, null, "auto-1", OptionalInt.of(20),
                OptionalInt.of(100), OptionalInt.of(10), OptionalLong.of(300), OptionalLong.of(65_536));

        // Netty writes properties in its hash map's order; any order is valid MQTT
        assertThatBytes(encode(V5, connAck)).isEqualTo(hex(
                "20", // CONNACK
                "1f", // remaining length 31
                "00", // acknowledge flags: no session present
                "00", // reason code 0x00 success
                "1c", // properties length 28
                "21 0064", //   receive maximum 100
                "12 0006 6175746f2d31", //   assigned client identifier "auto-1"
                "13 0014", //   server keep alive 20 s
                "22 000a", //   topic alias maximum 10
                "11 0000012c", //   session expiry interval 300 s
                "27 00010000")); //   maximum packet size 65536
    }

    @Test
    void accepted5WithoutPropertiesStillHasThePropertyLength() {
        assertThatBytes(encode(V5, ConnAck.accepted(true))).isEqualTo(hex(
                "20", // CONNACK
                "03", // remaining length 3
                "01", // acknowledge flags: session present
                "00", // reason code 0x00 success
                "00")); // properties length 0
    }

    @Test
    void refused5WithReasonString() {
        assertThatBytes(encode(V5, ConnAck.refused(ReasonCodes.NOT_AUTHORIZED, "denied"))).isEqualTo(hex(
                "20", // CONNACK
                "0c", // remaining length 12
                "00", // acknowledge flags: no session present
                "87", // reason code 0x87 not authorized
                "09", // properties length 9
                "1f 0006 64656e696564")); //   reason string "denied"
    }

    @Test
    void unsupportedVersion5() {
        assertThatBytes(encode(V5, ConnAck.refused(ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION, null))).isEqualTo(hex(
                "20 03", // CONNACK, remaining length 3
                "00", // acknowledge flags
                "84", // reason code 0x84 unsupported protocol version
                "00")); // properties length 0
    }
}
