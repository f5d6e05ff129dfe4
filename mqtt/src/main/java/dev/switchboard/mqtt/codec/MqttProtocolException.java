package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import java.util.Optional;

/**
 * The MQTT module's one protocol-error exception: bad input from the peer, carrying the MQTT 5
 * reason code that names the problem (0x81 Malformed Packet, 0x82 Protocol Error, 0x95 Packet Too
 * Large, 0x84 Unsupported Protocol Version, 0x85 Client Identifier Not Valid, ...). The codec
 * throws it for input Netty's decoder rejected or that breaks a wire rule; the broker's handlers may
 * throw it too. {@link ProtocolErrors} turns it into what goes on the wire before the connection
 * closes.
 *
 * <p>{@link #connectVersion()} is the protocol version a failed CONNECT declared, when the decoder
 * got that far; it tells the error mapper how to word a CONNACK refusal before any version has been
 * agreed.
 */
public class MqttProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int reasonCode;
    private final transient ProtocolVersion connectVersion;

    public MqttProtocolException(int reasonCode, String message) {
        this(reasonCode, message, null, null);
    }

    /**
     * @param connectVersion the version declared by the CONNECT this error was found in, or null
     *     when the error is not in a CONNECT or the version could not be read
     */
    public MqttProtocolException(int reasonCode, String message, Throwable cause, ProtocolVersion connectVersion) {
        super(message, cause);
        if (!ReasonCodes.isFailure(reasonCode) || reasonCode > 0xFF) {
            throw new IllegalArgumentException("not a failure reason code: 0x" + Integer.toHexString(reasonCode));
        }
        this.reasonCode = reasonCode;
        this.connectVersion = connectVersion;
    }

    /** 0x81: the bytes do not follow the specification. */
    public static MqttProtocolException malformed(String message) {
        return new MqttProtocolException(ReasonCodes.MALFORMED_PACKET, message);
    }

    /** 0x82: well-formed, but not allowed here (an AUTH without an authentication method, ...). */
    public static MqttProtocolException protocolError(String message) {
        return new MqttProtocolException(ReasonCodes.PROTOCOL_ERROR, message);
    }

    /** 0x95: larger than the maximum packet size. */
    public static MqttProtocolException packetTooLarge(String message) {
        return new MqttProtocolException(ReasonCodes.PACKET_TOO_LARGE, message);
    }

    /** The MQTT 5 reason code for this error (0x80 or above). */
    public int reasonCode() {
        return reasonCode;
    }

    /** The version the failed CONNECT declared, if the error is in a CONNECT and it was read. */
    public Optional<ProtocolVersion> connectVersion() {
        return Optional.ofNullable(connectVersion);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[0x" + Integer.toHexString(reasonCode) + "]: " + getMessage();
    }
}
