package dev.switchboard.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The protocol-error table of {@link ProtocolErrors}, without Netty. */
class ProtocolErrorsTest {
    private static final ProtocolVersion V31 = ProtocolVersion.MQTT_3_1;
    private static final ProtocolVersion V311 = ProtocolVersion.MQTT_3_1_1;
    private static final ProtocolVersion V5 = ProtocolVersion.MQTT_5;

    @Test
    void afterTheConnAckMqtt5GetsADisconnectWithReasonCodeAndReasonString() {
        MqttProtocolException error = MqttProtocolException.packetTooLarge("over 1024 bytes");

        assertThat(ProtocolErrors.actionFor(error, Optional.of(V5))).isEqualTo(ProtocolErrorAction.replyThenClose(
                Disconnect.because(ReasonCodes.PACKET_TOO_LARGE, "over 1024 bytes"), V5));
    }

    @Test
    void afterTheConnAck3xIsClosed() {
        MqttProtocolException error = MqttProtocolException.protocolError("second CONNECT");

        assertThat(ProtocolErrors.actionFor(error, Optional.of(V311))).isEqualTo(ProtocolErrorAction.close(V311));
        assertThat(ProtocolErrors.actionFor(error, Optional.of(V31))).isEqualTo(ProtocolErrorAction.close(V31));
    }

    @Test
    void aBadSecondConnectAfterTheConnAckIsADisconnectNotAConnAck() {
        MqttProtocolException error = new MqttProtocolException(ReasonCodes.MALFORMED_PACKET, "bad", null, V5);

        assertThat(ProtocolErrors.actionFor(error, Optional.of(V5)).reply())
                .hasValue(Disconnect.because(ReasonCodes.MALFORMED_PACKET, "bad"));
    }

    @Test
    void unsupportedVersionIsAConnAckIn311FormatWhenTheVersionIsUnknown() {
        MqttProtocolException error = new MqttProtocolException(ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION,
                "MQTT and 6 don't match", null, null);

        assertThat(ProtocolErrors.actionFor(error, Optional.empty())).isEqualTo(ProtocolErrorAction.replyThenClose(
                ConnAck.refused(ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION, null), V311));
    }

    @Test
    void unsupportedVersionIsWordedForAKnownVersionTheBrokerRefuses() {
        MqttProtocolException error = new MqttProtocolException(ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION,
                "3.1 is not served", null, V31);

        assertThat(ProtocolErrors.actionFor(error, Optional.empty())).isEqualTo(ProtocolErrorAction.replyThenClose(
                ConnAck.refused(ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION, null), V31));
    }

    @Test
    void connectProblemsInMqtt5AreAConnAckWithReasonCodeAndReasonString() {
        for (int reason : new int[] {ReasonCodes.MALFORMED_PACKET, ReasonCodes.PROTOCOL_ERROR,
                ReasonCodes.PACKET_TOO_LARGE, ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID,
                ReasonCodes.BAD_AUTHENTICATION_METHOD}) {
            MqttProtocolException error = new MqttProtocolException(reason, "why", null, V5);

            assertThat(ProtocolErrors.actionFor(error, Optional.empty()))
                    .isEqualTo(ProtocolErrorAction.replyThenClose(ConnAck.refused(reason, "why"), V5));
        }
    }

    @Test
    void connectProblemsIn3xGetAConnAckOnlyWhen311HasAReturnCodeForThem() {
        for (int reason : new int[] {ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID, ReasonCodes.BAD_USER_NAME_OR_PASSWORD,
                ReasonCodes.NOT_AUTHORIZED, ReasonCodes.SERVER_UNAVAILABLE, ReasonCodes.SERVER_BUSY}) {
            MqttProtocolException error = new MqttProtocolException(reason, "why", null, V311);

            assertThat(ProtocolErrors.actionFor(error, Optional.empty()))
                    .isEqualTo(ProtocolErrorAction.replyThenClose(ConnAck.refused(reason, null), V311));
        }
        for (int reason : new int[] {ReasonCodes.MALFORMED_PACKET, ReasonCodes.PROTOCOL_ERROR,
                ReasonCodes.PACKET_TOO_LARGE}) {
            MqttProtocolException error = new MqttProtocolException(reason, "why", null, V311);

            assertThat(ProtocolErrors.actionFor(error, Optional.empty())).isEqualTo(ProtocolErrorAction.close(V311));
        }
    }

    @Test
    void beforeTheConnAckWithoutAReadableConnectTheConnectionIsClosed() {
        MqttProtocolException error = MqttProtocolException.malformed("remaining length exceeds 4 digits");

        assertThat(ProtocolErrors.actionFor(error, Optional.empty()).reply()).isEmpty();
    }

    @Test
    void onlyFailureReasonCodesMakeAProtocolError() {
        assertThatThrownBy(() -> new MqttProtocolException(ReasonCodes.SUCCESS, "fine"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MqttProtocolException(0x100, "too big"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new MqttProtocolException(0x94, "alias 0")).hasToString("MqttProtocolException[0x94]: alias 0");
    }
}
