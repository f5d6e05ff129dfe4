package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Disconnect;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import java.util.Optional;
import java.util.Set;

/**
 * The MQTT protocol's one mapping from a {@link MqttProtocolException} to what goes on the wire
 * before the connection closes (OASIS MQTT 5.0 section 4.13, MQTT 3.1.1 sections 3.1.4 and 4.8):
 *
 * <table>
 *   <caption>Protocol error to wire action</caption>
 *   <tr><th>when</th><th>MQTT 5</th><th>MQTT 3.1 / 3.1.1</th></tr>
 *   <tr><td>before the CONNACK, 0x84 Unsupported Protocol Version</td>
 *       <td colspan="2">CONNACK 0x84, in the format of the version the CONNECT declared, 3.1.1 (return
 *       code 0x01) when it could not be read, then close</td></tr>
 *   <tr><td>before the CONNACK, the CONNECT's version was read</td>
 *       <td>CONNACK with the reason code and the error as reason string, then close</td>
 *       <td>CONNACK with the return code when 3.1.1 has one (0x85 -> 0x02 identifier rejected,
 *       0x86, 0x87, 0x88, ...), then close; otherwise (0x81, 0x82, 0x95) close</td></tr>
 *   <tr><td>before the CONNACK, version unknown (bad fixed header, first packet not a
 *       CONNECT)</td><td colspan="2">close</td></tr>
 *   <tr><td>after the CONNACK</td><td>DISCONNECT with the reason code and the error as reason
 *       string, then close</td><td>close</td></tr>
 * </table>
 */
public final class ProtocolErrors {
    /** CONNACK refusals that MQTT 3.1.1 has a return code for (see {@link ReasonCodes#connectReturnCode311}). */
    private static final Set<Integer> REFUSALS_311 = Set.of(
            ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION,
            ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID,
            ReasonCodes.SERVER_UNAVAILABLE,
            ReasonCodes.SERVER_BUSY,
            ReasonCodes.SERVER_SHUTTING_DOWN,
            ReasonCodes.CONNECTION_RATE_EXCEEDED,
            ReasonCodes.BAD_USER_NAME_OR_PASSWORD,
            ReasonCodes.NOT_AUTHORIZED);

    private ProtocolErrors() {
    }

    /**
     * @param error the protocol error
     * @param negotiated the version of the accepted CONNECT, empty until the broker has sent a
     *     successful CONNACK
     */
    public static ProtocolErrorAction actionFor(MqttProtocolException error, Optional<ProtocolVersion> negotiated) {
        int reason = error.reasonCode();
        if (negotiated.isPresent()) {
            ProtocolVersion version = negotiated.get();
            return version.isMqtt5()
                    ? ProtocolErrorAction.replyThenClose(Disconnect.because(reason, error.getMessage()), version)
                    : ProtocolErrorAction.close(version);
        }
        Optional<ProtocolVersion> declared = error.connectVersion();
        if (reason == ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION) {
            ProtocolVersion version = declared.orElse(ProtocolVersion.MQTT_3_1_1);
            return ProtocolErrorAction.replyThenClose(refusal(error, version), version);
        }
        if (declared.isEmpty()) {
            return ProtocolErrorAction.close(ProtocolVersion.MQTT_3_1_1);
        }
        ProtocolVersion version = declared.get();
        if (version.isMqtt5() || REFUSALS_311.contains(reason)) {
            return ProtocolErrorAction.replyThenClose(refusal(error, version), version);
        }
        return ProtocolErrorAction.close(version);
    }

    private static ConnAck refusal(MqttProtocolException error, ProtocolVersion version) {
        return ConnAck.refused(error.reasonCode(), version.isMqtt5() ? error.getMessage() : null);
    }
}
