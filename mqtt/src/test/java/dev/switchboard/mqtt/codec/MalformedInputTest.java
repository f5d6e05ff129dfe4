package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.assertThatBytes;
import static dev.switchboard.mqtt.codec.Wire.encode;
import static dev.switchboard.mqtt.codec.Wire.failure;
import static dev.switchboard.mqtt.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bad input, each case with the reason code it maps to and, through {@link ProtocolErrors}, what
 * the broker sends before closing.
 */
class MalformedInputTest {
    private static final Optional<ProtocolVersion> BEFORE_CONNACK = Optional.empty();
    private static final Optional<ProtocolVersion> AFTER_CONNACK_311 = Optional.of(ProtocolVersion.MQTT_3_1_1);
    private static final Optional<ProtocolVersion> AFTER_CONNACK_5 = Optional.of(ProtocolVersion.MQTT_5);

    @Test
    void remainingLengthOfFiveBytes() {
        MqttProtocolException error = failure(ProtocolVersion.MQTT_5, hex(
                "30", // PUBLISH
                "ffffffff01")); // remaining length continues into a fifth byte

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_PACKET);
        assertThat(ProtocolErrors.actionFor(error, AFTER_CONNACK_5)).isEqualTo(ProtocolErrorAction.replyThenClose(
                Disconnect.because(ReasonCodes.MALFORMED_PACKET, error.getMessage()), ProtocolVersion.MQTT_5));
        assertThat(ProtocolErrors.actionFor(error, AFTER_CONNACK_311))
                .isEqualTo(ProtocolErrorAction.close(ProtocolVersion.MQTT_3_1_1));
    }

    @Test
    void packetOverTheMaximumIsRejectedFromItsFixedHeaderAlone() {
        MqttProtocolException error = failure(100, ProtocolVersion.MQTT_5, hex(
                "30", // PUBLISH
                "e807")); // remaining length 1000, over the decoder's 100; nothing of the body sent

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.PACKET_TOO_LARGE);
        assertThat(ProtocolErrors.actionFor(error, AFTER_CONNACK_5).reply())
                .hasValueSatisfying(reply -> assertThat(((Disconnect) reply).reasonCode()).isEqualTo(0x95));
    }

    @Test
    void connectOverTheMaximumIsClosedSinceItsVersionIsUnknown() {
        MqttProtocolException error = failure(100, null, hex(
                "10", // CONNECT
                "ff7f")); // remaining length 16383

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.PACKET_TOO_LARGE);
        assertThat(error.connectVersion()).isEmpty();
        assertThat(ProtocolErrors.actionFor(error, BEFORE_CONNACK).reply()).isEmpty();
    }

    @Test
    void aSubAckWithACodeThatIsNoReasonCodeIsMalformedNotACrash() {
        // MQTT-3.9.3: a SUBACK code is 0x00-0x02 or a listed failure; the fuzz test once sent one that was not
        assertMalformed(hex(
                "90", // SUBACK
                "03", // remaining length 3
                "0001", // packet id 1
                "03")); // reason code 0x03: no such code
    }

    @Test
    void invalidUtf8InATopic() {
        assertMalformed(hex(
                "30", // PUBLISH, QoS 0
                "04", // remaining length 4
                "0002 c328")); // topic: c3 starts a two-byte sequence, 28 cannot continue it
        assertMalformed(hex(
                "30", // PUBLISH, QoS 0
                "04", // remaining length 4
                "0002 6100")); // topic "a" U+0000
    }

    @Test
    void wildcardsInATopicName() {
        assertMalformed(hex(
                "30", // PUBLISH, QoS 0
                "05", // remaining length 5
                "0003 612f23")); // topic "a/#"
    }

    @Test
    void reservedFlagBits() {
        assertMalformed(hex(
                "80", // SUBSCRIBE with flags 0000 (must be 0010)
                "08 0001 0003 612f62 01"));
        assertMalformed(hex(
                "60", // PUBREL with flags 0000 (must be 0010)
                "02 0001"));
        assertMalformed(hex(
                "c1", // PINGREQ with flags 0001
                "00"));
        assertMalformed(hex(
                "18", // CONNECT with flags 1000
                "0d 0004 4d515454 04 02 0000 0001 61"));
    }

    @Test
    void connectReservedFlagIsMalformedAndClosesThe311Connection() {
        MqttProtocolException error = failure(null, hex(
                "10", // CONNECT
                "0d", // remaining length 13
                "0004 4d515454", // protocol name "MQTT"
                "04", // protocol level 4
                "03", // flags: clean session and the reserved bit 0
                "0000", // keep alive 0
                "0001 61")); // client id "a"

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_PACKET);
        assertThat(ProtocolErrors.actionFor(error, BEFORE_CONNACK).reply()).isEmpty();
    }

    @Test
    void mqtt311PasswordWithoutUserNameIsMalformedAndCloses() {
        MqttProtocolException error = failure(null, hex(
                "10", // CONNECT
                "10", // remaining length 16
                "0004 4d515454", // protocol name "MQTT"
                "04", // protocol level 4
                "42", // flags: password, clean session (no user name)
                "0000", // keep alive 0
                "0001 61", // client id "a"
                "0001 70")); // password "p"

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_PACKET);
        assertThat(error.connectVersion()).hasValue(ProtocolVersion.MQTT_3_1_1);
        assertThat(ProtocolErrors.actionFor(error, BEFORE_CONNACK))
                .isEqualTo(ProtocolErrorAction.close(ProtocolVersion.MQTT_3_1_1));
    }

    @Test
    void publishQos3() {
        assertMalformed(hex(
                "36", // PUBLISH with both QoS bits set
                "05 0001 61 0001"));
    }

    @Test
    void packetId0() {
        assertMalformed(hex(
                "32", // PUBLISH, QoS 1
                "05", // remaining length 5
                "0001 61", // topic "a"
                "0000")); // packet id 0
    }

    @Test
    void unknownPacketTypes0And15In311() {
        assertMalformed(hex(
                "00", // type 0: reserved
                "00"));
        assertMalformed(hex(
                "f0", // type 15: reserved in 3.1.1 (AUTH in MQTT 5)
                "00"));
    }

    @Test
    void authIn5IsAProtocolErrorWithoutEnhancedAuthentication() {
        MqttProtocolException error = failure(ProtocolVersion.MQTT_5, hex(
                "f0", // AUTH
                "00")); // remaining length 0: reason 0x00 success

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.PROTOCOL_ERROR);
    }

    @Test
    void connectWithWrongProtocolNameGetsTheUnsupportedVersionConnAck() {
        MqttProtocolException error = failure(null, hex(
                "10", // CONNECT
                "0d", // remaining length 13
                "0004 4d515458", // protocol name "MQTX"
                "04", // protocol level 4
                "02", // flags: clean session
                "0000", // keep alive 0
                "0001 61")); // client id "a"

        assertUnsupportedVersionConnAck(error);
    }

    @Test
    void connectWithLevel6GetsTheUnsupportedVersionConnAck() {
        MqttProtocolException error = failure(null, hex(
                "10", // CONNECT
                "0e", // remaining length 14
                "0004 4d515454", // protocol name "MQTT"
                "06", // protocol level 6
                "02", // flags: clean start
                "0000", // keep alive 0
                "00", // properties length 0, if it were MQTT 5
                "0001 61")); // client id "a"

        assertUnsupportedVersionConnAck(error);
    }

    @Test
    void mqtt31ClientIdOver23CharactersIsRejectedWithReturnCode2() {
        MqttProtocolException error = failure(null, hex(
                "10", // CONNECT
                "26", // remaining length 38
                "0006 4d5149736470", // protocol name "MQIsdp"
                "03", // protocol level 3
                "02", // flags: clean session
                "0000", // keep alive 0
                "0018 616263646566676869", // client id of 24 characters: "abcdefghi...
                "6a6b6c6d6e6f707172737475767778")); // ...jklmnopqrstuvwx"

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(error.connectVersion()).hasValue(ProtocolVersion.MQTT_3_1);
        ProtocolErrorAction action = ProtocolErrors.actionFor(error, BEFORE_CONNACK);
        assertThat(action).isEqualTo(ProtocolErrorAction.replyThenClose(
                ConnAck.refused(ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID, null), ProtocolVersion.MQTT_3_1));
        assertThatBytes(encode(action.replyVersion(), action.reply().orElseThrow())).isEqualTo(hex(
                "20 02", // CONNACK, remaining length 2
                "00", // no session present
                "02")); // return code 2: identifier rejected
    }

    @Test
    void malformedMqtt5ConnectPayloadIsRefusedWithAConnAck() {
        MqttProtocolException error = failure(null, hex(
                "10", // CONNECT
                "0e", // remaining length 14
                "0004 4d515454", // protocol name "MQTT"
                "05", // protocol level 5
                "02", // flags: clean start
                "0000", // keep alive 0
                "00", // properties length 0
                "0001 ff")); // client id: ff is never valid UTF-8

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.MALFORMED_PACKET);
        assertThat(error.connectVersion()).hasValue(ProtocolVersion.MQTT_5);
        ProtocolErrorAction action = ProtocolErrors.actionFor(error, BEFORE_CONNACK);
        assertThat(action.reply()).hasValue(ConnAck.refused(ReasonCodes.MALFORMED_PACKET, error.getMessage()));
        assertThat(action.replyVersion()).isEqualTo(ProtocolVersion.MQTT_5);
    }

    @Test
    void mqtt5ConnectRulesNettyDoesNotCheck() {
        assertConnect5Refused(ReasonCodes.PROTOCOL_ERROR, hex(
                "10 11", // CONNECT, remaining length 17
                "0004 4d515454 05 02 0000", // "MQTT", level 5, clean start, keep alive 0
                "03", // properties length 3
                "21 0000", //   receive maximum 0
                "0001 61")); // client id "a"
        assertConnect5Refused(ReasonCodes.PROTOCOL_ERROR, hex(
                "10 13", // CONNECT, remaining length 19
                "0004 4d515454 05 02 0000", // "MQTT", level 5, clean start, keep alive 0
                "05", // properties length 5
                "27 00000000", //   maximum packet size 0
                "0001 61")); // client id "a"
        assertConnect5Refused(ReasonCodes.BAD_AUTHENTICATION_METHOD, hex(
                "10 14", // CONNECT, remaining length 20
                "0004 4d515454 05 02 0000", // "MQTT", level 5, clean start, keep alive 0
                "06", // properties length 6
                "15 0003 6b7262", //   authentication method "krb"
                "0001 61")); // client id "a"
        assertConnect5Refused(ReasonCodes.MALFORMED_PACKET, hex(
                "10 0e", // CONNECT, remaining length 14
                "0004 4d515454 05", // "MQTT", level 5
                "1a", // flags: will QoS 3 without the will flag, clean start
                "0000 00", // keep alive 0, properties length 0
                "0001 61")); // client id "a"
        assertConnect5Refused(ReasonCodes.MALFORMED_PACKET, hex(
                "10 14", // CONNECT, remaining length 20
                "0004 4d515454 05", // "MQTT", level 5
                "1e", // flags: will QoS 3, will, clean start
                "0000 00", // keep alive 0, properties length 0
                "0001 61", // client id "a"
                "00", // will properties length 0
                "0001 77", // will topic "w"
                "0000")); // empty will payload
    }

    @Test
    void subscribeWithoutFiltersIsAProtocolError() {
        MqttProtocolException error = failure(ProtocolVersion.MQTT_3_1_1, hex(
                "82", // SUBSCRIBE
                "02", // remaining length 2
                "0001")); // packet id 1, no filters

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.PROTOCOL_ERROR);
        assertThat(ProtocolErrors.actionFor(error, AFTER_CONNACK_311).reply()).isEmpty();
    }

    @Test
    void subscriptionIdentifier0IsAProtocolError() {
        MqttProtocolException error = failure(ProtocolVersion.MQTT_5, hex(
                "82", // SUBSCRIBE
                "09", // remaining length 9
                "0001", // packet id 1
                "02 0b00", // properties length 2: subscription identifier 0
                "0001 61 00")); // filter "a", QoS 0

        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.PROTOCOL_ERROR);
    }

    @Test
    void theDecoderDiscardsEverythingAfterAFailure() {
        EmbeddedChannel channel = Wire.decoder(Wire.MAX_BYTES, ProtocolVersion.MQTT_3_1_1);
        try {
            Wire.writeInbound(channel, hex(
                    "36 05 0001 61 0001", // PUBLISH QoS 3
                    "c0 00")); // PINGREQ
            Wire.writeInbound(channel, hex("c0 00")); // PINGREQ

            assertThat(Wire.mapInbound(channel)).singleElement()
                    .satisfies(d -> assertThat(d.error().reasonCode()).isEqualTo(ReasonCodes.MALFORMED_PACKET));
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void assertMalformed(byte[] bytes) {
        MqttProtocolException error = failure(ProtocolVersion.MQTT_3_1_1, bytes);
        assertThat(error.reasonCode()).as(error.toString()).isEqualTo(ReasonCodes.MALFORMED_PACKET);
        assertThat(ProtocolErrors.actionFor(error, AFTER_CONNACK_311).reply()).as("3.1.1 closes").isEmpty();
    }

    private static void assertUnsupportedVersionConnAck(MqttProtocolException error) {
        assertThat(error.reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION);
        ProtocolErrorAction action = ProtocolErrors.actionFor(error, BEFORE_CONNACK);
        assertThat(action.replyVersion()).isEqualTo(ProtocolVersion.MQTT_3_1_1);
        assertThatBytes(encode(action.replyVersion(), action.reply().orElseThrow())).isEqualTo(hex(
                "20 02", // CONNACK, remaining length 2
                "00", // no session present
                "01")); // return code 1: unacceptable protocol version
    }

    private static void assertConnect5Refused(int reasonCode, byte[] connect) {
        MqttProtocolException error = failure(null, connect);
        assertThat(error.reasonCode()).as(error.toString()).isEqualTo(reasonCode);
        ProtocolErrorAction action = ProtocolErrors.actionFor(error, BEFORE_CONNACK);
        assertThat(action.reply()).hasValue(ConnAck.refused(reasonCode, error.getMessage()));
        assertThat(action.replyVersion()).isEqualTo(ProtocolVersion.MQTT_5);
    }
}
