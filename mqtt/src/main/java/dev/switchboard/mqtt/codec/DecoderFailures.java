package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;

/**
 * The failures Netty's {@code MqttDecoder} reports (a message whose {@code decoderResult()} is a
 * failure, after which the decoder discards all further input) as {@link MqttProtocolException}s:
 *
 * <table>
 *   <caption>Decoder failure to MQTT 5 reason code</caption>
 *   <tr><th>Netty's cause</th><th>reason code</th></tr>
 *   <tr><td>{@code TooLongFrameException} (remaining length over {@code maxBytesInMessage},
 *       judged from the fixed header alone)</td><td>0x95 Packet Too Large</td></tr>
 *   <tr><td>{@code MqttUnacceptableProtocolVersionException} (CONNECT protocol name or level
 *       unknown)</td><td>0x84 Unsupported Protocol Version</td></tr>
 *   <tr><td>{@code MqttIdentifierRejectedException} (CONNECT client identifier rejected)</td>
 *       <td>0x85 Client Identifier Not Valid</td></tr>
 *   <tr><td>anything else: reserved packet type or flag bits, PUBLISH QoS 3, remaining length over
 *       four bytes, bad UTF-8 or U+0000, wildcards in a topic name, packet id 0, bytes left over,
 *       an unknown property</td><td>0x81 Malformed Packet</td></tr>
 * </table>
 */
final class DecoderFailures {
    private DecoderFailures() {
    }

    static MqttProtocolException toException(MqttMessage failed) {
        Throwable cause = failed.decoderResult().cause();
        ProtocolVersion connectVersion = failed.variableHeader() instanceof MqttConnectVariableHeader header
                ? ProtocolVersion.ofLevel(header.version())
                : null;
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new MqttProtocolException(reasonCodeFor(cause), message, cause, connectVersion);
    }

    private static int reasonCodeFor(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return ReasonCodes.PACKET_TOO_LARGE;
        }
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            return ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION;
        }
        if (cause instanceof MqttIdentifierRejectedException) {
            return ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID;
        }
        return ReasonCodes.MALFORMED_PACKET;
    }
}
